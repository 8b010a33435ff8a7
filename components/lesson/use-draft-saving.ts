"use client";

/**
 * Saving the learner's code as they type, so that nothing is lost:
 *   - a change is saved 1 s after typing stops, through PUT /api/drafts/:exerciseId (a route
 *     handler, so a save never queues behind a running grade the way Server Actions do);
 *   - when the page is hidden, unloaded or left by a client-side navigation, an unsaved change is
 *     sent at once with `keepalive`, so the request outlives the page;
 *   - visitors' code is kept in localStorage instead (picked up after signing in).
 * The status says what is true: saving (a change not yet confirmed), saved, or not saved and why;
 * a failed save is retried on the next change or when the page is left.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export type SaveStatus = { state: "idle" | "saving" | "saved" | "error"; message?: string };
export type PutDraftResult = { ok: true; savedAt: string } | { ok: false; error: string };

export const DRAFT_DELAY_MS = 1000;
/** Browsers refuse keepalive bodies over 64 KiB (summed over in-flight keepalive requests). */
const KEEPALIVE_MAX_BYTES = 60 * 1024;

export const localDraftKey = (exerciseId: string) => `serverside:draft:${exerciseId}`;
export const draftUrl = (exerciseId: string) => `/api/drafts/${encodeURIComponent(exerciseId)}`;

/**
 * The latest code typed in this tab, per exercise. Back/forward navigation can show the lesson from
 * Next's router cache, whose draft predates what was typed; this copy (gone on a full page load,
 * which fetches the page afresh) wins over it.
 */
const typedInThisTab = new Map<string, string>();

/** The code last typed in this tab for an exercise, if any. */
export function getCodeTypedInThisTab(exerciseId: string): string | undefined {
  return typedInThisTab.get(exerciseId);
}

/** Sends a draft to the server; failures are values. Uses keepalive when the body allows it. */
export async function putDraft(exerciseId: string, code: string): Promise<PutDraftResult> {
  const body = JSON.stringify({ code });
  const init: RequestInit = { method: "PUT", headers: { "Content-Type": "application/json" }, body, credentials: "same-origin" };
  let response: Response;
  try {
    const small = new TextEncoder().encode(body).byteLength <= KEEPALIVE_MAX_BYTES;
    // Over the keepalive quota (a large draft, or several saves in flight) fetch rejects at once: send it plainly then.
    response = small ? await fetch(draftUrl(exerciseId), { ...init, keepalive: true }).catch(() => fetch(draftUrl(exerciseId), init)) : await fetch(draftUrl(exerciseId), init);
  } catch {
    return { ok: false, error: "Could not reach the server; your code is still here." };
  }
  const data = (await response.json().catch(() => null)) as { savedAt?: unknown; error?: unknown } | null;
  if (response.ok && typeof data?.savedAt === "string") return { ok: true, savedAt: data.savedAt };
  return { ok: false, error: typeof data?.error === "string" ? data.error : `The server answered ${response.status}.` };
}

export interface DraftSaving {
  status: SaveStatus;
  /** Call with the learner's code after every change. */
  noteChange(code: string): void;
  /** Back to the starter: drops pending saves, then runs `forget` after the saves already sent. */
  reset(starter: string, forget: () => Promise<unknown>): void;
}

export function useDraftSaving(options: { exerciseId: string; signedIn: boolean; initialCode: string; fromDraft: boolean }): DraftSaving {
  const { exerciseId, signedIn } = options;
  const [status, setStatus] = useState<SaveStatus>({ state: options.fromDraft ? "saved" : "idle" });
  const latest = useRef(options.initialCode);
  // The code the server (or this browser, for visitors) has confirmed, and the code last sent.
  const confirmed = useRef(options.initialCode);
  const sent = useRef(options.initialCode);
  // What the status says when the code is in sync.
  const inSync = useRef<SaveStatus>(status);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<number | undefined>(undefined);

  /** Saves the latest code if it is not saved or on its way; `now` skips waiting for earlier saves. */
  const save = useCallback(
    (now: boolean) => {
      window.clearTimeout(timer.current);
      const code = latest.current;
      if (code === sent.current) return;
      if (!signedIn) {
        try {
          window.localStorage.setItem(localDraftKey(exerciseId), code);
        } catch {
          setStatus({ state: "error", message: "this browser does not let the page store it (storage full or blocked)." });
          return;
        }
        sent.current = confirmed.current = code;
        inSync.current = { state: "saved", message: "Saved in this browser" };
        setStatus(inSync.current);
        return;
      }
      sent.current = code;
      const request = async () => {
        const result = await putDraft(exerciseId, code);
        if (result.ok) {
          confirmed.current = code;
          window.localStorage.removeItem(localDraftKey(exerciseId));
          inSync.current = { state: "saved" };
          if (latest.current === code) setStatus(inSync.current);
        } else {
          // Not saved: the next change (or leaving the page) sends the code again.
          if (sent.current === code) sent.current = confirmed.current;
          if (latest.current === code) setStatus({ state: "error", message: result.error });
        }
      };
      // In order, so an older draft never lands after a newer one; except when the page is going
      // away, where waiting could mean never sending.
      const done = now ? request() : queue.current.then(request);
      queue.current = Promise.all([queue.current, done]).catch(() => undefined);
    },
    [exerciseId, signedIn],
  );

  const noteChange = useCallback(
    (code: string) => {
      latest.current = code;
      typedInThisTab.set(exerciseId, code);
      window.clearTimeout(timer.current);
      if (code === sent.current) {
        if (code === confirmed.current) setStatus(inSync.current);
        return;
      }
      setStatus({ state: "saving" });
      timer.current = window.setTimeout(() => save(false), DRAFT_DELAY_MS);
    },
    [exerciseId, save],
  );

  // Leaving: tab hidden (also the last event mobile browsers reliably fire), page unloaded, or a
  // client-side navigation unmounting the workspace.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === "hidden") save(true);
    };
    const onPageHide = () => save(true);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onPageHide);
      save(true);
    };
  }, [save]);

  const reset = useCallback(
    (starter: string, forget: () => Promise<unknown>) => {
      window.clearTimeout(timer.current);
      latest.current = sent.current = confirmed.current = starter;
      typedInThisTab.set(exerciseId, starter);
      window.localStorage.removeItem(localDraftKey(exerciseId));
      inSync.current = { state: "idle" };
      setStatus(inSync.current);
      if (signedIn) queue.current = queue.current.then(forget).catch(() => undefined);
    },
    [exerciseId, signedIn],
  );

  return { status, noteChange, reset };
}
