"use client";

/**
 * Saving the learner's code as they type, so that nothing is lost:
 *   - a change is saved 1 s after typing stops, through PUT /api/drafts/:exerciseId (a route
 *     handler, so a save never queues behind a running grade the way Server Actions do);
 *   - when the page is hidden, unloaded or left by a client-side navigation, an unsaved change is
 *     sent at once with `keepalive`, so the request outlives the page;
 *   - visitors' code is kept in localStorage instead (picked up after signing in);
 *   - multi-file exercises save each file on its own (one draft row per file on the server).
 * The status says what is true: saving (a change not yet confirmed), saved, or not saved and why;
 * a failed save is retried on the next change or when the page is left.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export type SaveStatus = { state: "idle" | "saving" | "saved" | "error"; message?: string };
export type PutDraftResult = { ok: true; savedAt: string } | { ok: false; error: string };

export const DRAFT_DELAY_MS = 1000;
/** Browsers refuse keepalive bodies over 64 KiB (summed over in-flight keepalive requests). */
const KEEPALIVE_MAX_BYTES = 60 * 1024;

/**
 * Where a visitor's draft is kept in this browser: one key per exercise, or per file of a
 * multi-file exercise (`file` is its name; "" for a one-file exercise).
 */
export const localDraftKey = (exerciseId: string, file = "") =>
  `serverside:draft:${exerciseId}${file ? `:${file}` : ""}`;
export const draftUrl = (exerciseId: string) => `/api/drafts/${encodeURIComponent(exerciseId)}`;

/**
 * The latest code typed in this tab, per exercise and file. Back/forward navigation can show the
 * lesson from Next's router cache, whose draft predates what was typed; this copy (gone on a full
 * page load, which fetches the page afresh) wins over it.
 */
const typedInThisTab = new Map<string, string>();
const tabKey = (exerciseId: string, file: string) => `${exerciseId}\0${file}`;

/** The code last typed in this tab for an exercise's file ("" for a one-file exercise), if any. */
export function getCodeTypedInThisTab(exerciseId: string, file = ""): string | undefined {
  return typedInThisTab.get(tabKey(exerciseId, file));
}

/** Sends a draft (of one file, for multi-file exercises) to the server; failures are values. Uses keepalive when the body allows it. */
export async function putDraft(exerciseId: string, code: string, file = ""): Promise<PutDraftResult> {
  const body = JSON.stringify(file ? { file, code } : { code });
  const init: RequestInit = {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body,
    credentials: "same-origin",
  };
  let response: Response;
  try {
    const small = new TextEncoder().encode(body).byteLength <= KEEPALIVE_MAX_BYTES;
    // Over the keepalive quota (a large draft, or several saves in flight) fetch rejects at once: send it plainly then.
    response = small
      ? await fetch(draftUrl(exerciseId), { ...init, keepalive: true }).catch(() =>
          fetch(draftUrl(exerciseId), init),
        )
      : await fetch(draftUrl(exerciseId), init);
  } catch {
    return { ok: false, error: "Could not reach the server; your code is still here." };
  }
  const data = (await response.json().catch(() => null)) as { savedAt?: unknown; error?: unknown } | null;
  if (response.ok && typeof data?.savedAt === "string") return { ok: true, savedAt: data.savedAt };
  return {
    ok: false,
    error: typeof data?.error === "string" ? data.error : `The server answered ${response.status}.`,
  };
}

export interface DraftSaving {
  /** One status for all files: saving while any change is unconfirmed; an error names the file. */
  status: SaveStatus;
  /** Call with a file's code after every change ("" for a one-file exercise). */
  noteChange(file: string, code: string): void;
  /** Back to the starter (every file): drops pending saves, then runs `forget` after the saves already sent. */
  reset(starter: Record<string, string>, forget: () => Promise<unknown>): void;
}

/** Per-file bookkeeping: the latest code, what the server (or browser) confirmed, what was last sent. */
interface FileState {
  latest: string;
  confirmed: string;
  sent: string;
  timer: number | undefined;
  error: string | null;
}

/**
 * Saves drafts per file: `initial` maps each file ("" for a one-file exercise) to the code the
 * editor starts with. Each file is saved 1 s after its own last change; saves go out in order.
 */
export function useDraftSaving(options: {
  exerciseId: string;
  signedIn: boolean;
  initial: Record<string, string>;
  fromDraft: boolean;
}): DraftSaving {
  const { exerciseId, signedIn } = options;
  const [status, setStatus] = useState<SaveStatus>({ state: options.fromDraft ? "saved" : "idle" });
  // One mutable record per file for the component's lifetime (the workspace remounts per exercise).
  const [files] = useState(
    () =>
      new Map<string, FileState>(
        Object.entries(options.initial).map(([file, code]) => [
          file,
          { latest: code, confirmed: code, sent: code, timer: undefined, error: null },
        ]),
      ),
  );
  // What the status says when every file is in sync.
  const inSync = useRef<SaveStatus>(status);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const stateOf = useCallback(
    (file: string): FileState => {
      let state = files.get(file);
      if (!state) {
        state = { latest: "", confirmed: "", sent: "", timer: undefined, error: null };
        files.set(file, state);
      }
      return state;
    },
    [files],
  );

  /** The one status shown for all files. */
  const refresh = useCallback(() => {
    const all = [...files.entries()];
    const failed = all.find(([, f]) => f.error !== null && f.latest !== f.confirmed);
    if (failed) {
      const [file, f] = failed;
      setStatus({ state: "error", message: file && all.length > 1 ? `${file}: ${f.error}` : f.error! });
    } else if (all.some(([, f]) => f.latest !== f.confirmed)) {
      setStatus({ state: "saving" });
    } else {
      setStatus(inSync.current);
    }
  }, [files]);

  /** Saves a file's latest code if it is not saved or on its way; `now` skips waiting for earlier saves. */
  const save = useCallback(
    (file: string, now: boolean) => {
      const state = stateOf(file);
      window.clearTimeout(state.timer);
      const code = state.latest;
      if (code === state.sent) return;
      if (!signedIn) {
        try {
          window.localStorage.setItem(localDraftKey(exerciseId, file), code);
        } catch {
          state.error = "this browser does not let the page store it (storage full or blocked).";
          refresh();
          return;
        }
        state.sent = state.confirmed = code;
        state.error = null;
        inSync.current = { state: "saved", message: "Saved in this browser" };
        refresh();
        return;
      }
      state.sent = code;
      const request = async () => {
        const result = await putDraft(exerciseId, code, file);
        if (result.ok) {
          state.confirmed = code;
          state.error = null;
          window.localStorage.removeItem(localDraftKey(exerciseId, file));
          inSync.current = { state: "saved" };
        } else {
          // Not saved: the next change (or leaving the page) sends the code again.
          if (state.sent === code) state.sent = state.confirmed;
          if (state.latest === code) state.error = result.error;
        }
        refresh();
      };
      // In order, so an older draft never lands after a newer one; except when the page is going
      // away, where waiting could mean never sending.
      const done = now ? request() : queue.current.then(request);
      queue.current = Promise.all([queue.current, done]).catch(() => undefined);
    },
    [exerciseId, signedIn, stateOf, refresh],
  );

  const saveAll = useCallback(
    (now: boolean) => {
      for (const file of files.keys()) save(file, now);
    },
    [save, files],
  );

  const noteChange = useCallback(
    (file: string, code: string) => {
      const state = stateOf(file);
      state.latest = code;
      typedInThisTab.set(tabKey(exerciseId, file), code);
      window.clearTimeout(state.timer);
      if (code !== state.sent) state.timer = window.setTimeout(() => save(file, false), DRAFT_DELAY_MS);
      refresh();
    },
    [exerciseId, save, stateOf, refresh],
  );

  // Leaving: tab hidden (also the last event mobile browsers reliably fire), page unloaded, or a
  // client-side navigation unmounting the workspace.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === "hidden") saveAll(true);
    };
    const onPageHide = () => saveAll(true);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onPageHide);
      saveAll(true);
    };
  }, [saveAll]);

  const reset = useCallback(
    (starter: Record<string, string>, forget: () => Promise<unknown>) => {
      for (const [file, code] of Object.entries(starter)) {
        const state = stateOf(file);
        window.clearTimeout(state.timer);
        state.latest = state.sent = state.confirmed = code;
        state.error = null;
        typedInThisTab.set(tabKey(exerciseId, file), code);
        window.localStorage.removeItem(localDraftKey(exerciseId, file));
      }
      inSync.current = { state: "idle" };
      setStatus(inSync.current);
      if (signedIn) queue.current = queue.current.then(forget).catch(() => undefined);
    },
    [exerciseId, signedIn, stateOf],
  );

  return { status, noteChange, reset };
}
