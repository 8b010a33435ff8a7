"use client";

/**
 * Drafts that cannot be lost. Every change to a learner file is written at once to this browser's
 * localStorage (synchronously, so a reload a moment later still finds it), for visitors and
 * learners alike. For a signed-in learner it is also saved to the server, through
 * PUT /api/drafts/:exerciseId (a route handler, so a save never queues behind a running grade the
 * way Server Actions do), 1 s after typing stops and at least every 10 s while typing goes on.
 *
 *   - Revisions. Each save names the server revision it was edited from. The server refuses a save
 *     from an out-of-date copy (409, with the current revision and code) instead of overwriting
 *     it; the client reconciles: a version this tab has already seen is built upon silently, a
 *     different one is compared by time, the newer kept in the editor and the other offered in a
 *     notice ("Restore that version").
 *   - Offline and failures. A save that fails for a reason that may pass (no connection, 5xx, 429)
 *     is retried with backoff (1 s doubling to 30 s), and at once when the browser says it is back
 *     online. A refusal that will not pass (401, 413...) waits for the next change.
 *   - Leaving. When the page is hidden, unloaded or left by a client-side navigation, unsaved
 *     files are sent at once with `keepalive`, so the request outlives the page; whatever does not
 *     make it is still in localStorage.
 *   - Loading. The page brings the server's copy (with its revision); this browser's copy is
 *     compared with it and the newer shown. When they differ, a notice says which one is shown and
 *     offers the other.
 *   - Tabs. Other tabs of this browser see each change through the `storage` event and show it, so
 *     two tabs on one exercise keep the same, newest text; the tab where it was typed saves it.
 *   - Multi-file exercises and projects: one draft per file, each with its own revision.
 *
 * The keeper itself (draft-engine.ts) is its own module, fetched beside the editor's scripts rather
 * than before them; the editor is shown once it has restored this browser's copies (`ready`).
 *
 * Limits: localStorage holds about 5 MB per site; when it is full, copies already on the server are
 * dropped (oldest first) to make room, and if that is not enough the status says the change is not
 * kept in this browser. Comparing a local edit with a server copy by time uses the server's clock
 * as learned from its responses (Date header, to the second).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { DraftEngine } from "./draft-engine";

export type SaveState = "idle" | "saving" | "saved" | "offline" | "retrying" | "error";
export interface SaveStatus {
  state: SaveState;
  /** Details: the reason a save failed, or what "saved" means ("Saved in this browser"). */
  message?: string;
}

/** A file's draft as the server has it: code null after a reset (the starter shows); revision 0 when never saved. */
export interface SavedDraftSnapshot {
  code: string | null;
  revision: number;
  savedAt: string;
}

/** What the lesson page knows of a signed-in learner's drafts (null for a visitor). */
export interface DraftsSnapshot {
  /** The account's id: this browser's copies are kept per account. */
  owner: string;
  /** By file: "" for a one-file exercise, else the file's name. */
  saved: Record<string, SavedDraftSnapshot>;
}

/** Which copy is shown when this browser's and the server's differ, with the other one on offer. */
export interface DraftNotice {
  file: string;
  message: string;
  /** The label of the button that shows the other copy. */
  action: string;
  other: string;
}

export interface DraftEngineOptions {
  exerciseId: string;
  /** Learner files by draft key ("" for a one-file exercise) and their starter code. */
  starter: Record<string, string>;
  /** The code the page rendered for each file (the server's draft or the starter). */
  initial: Record<string, string>;
  drafts: DraftsSnapshot | null;
}

/** What the engine tells its host: status and notices to show, code to put into the editor. */
export interface DraftEngineHost {
  onStatus(status: SaveStatus): void;
  onNotices(notices: DraftNotice[]): void;
  /** Puts code into the editor (an undoable edit); its change event comes back through change(). */
  apply(file: string, code: string): void;
}

export interface DraftSaving {
  /** The draft keeper has loaded and restored this browser's copies: the editor may be shown. */
  ready: boolean;
  status: SaveStatus;
  notices: DraftNotice[];
  /** The code of a file ("" for a one-file exercise) as the editor has it. */
  latest(file: string): string;
  /** Call with a file's code after every change (only once ready: the editor is not shown before). */
  change(file: string, code: string): void;
  /** Every file back to its starter. */
  reset(): void;
  chooseOther(file: string): void;
  dismissNotice(file: string): void;
}

type EngineModule = typeof import("./draft-engine");
let engineModule: Promise<EngineModule> | null = null;
/** Loads the draft keeper (once per page; a failed load is tried again on the next call). */
function loadDraftEngine(): Promise<EngineModule> {
  engineModule ??= import("./draft-engine").catch((error: unknown) => {
    engineModule = null;
    throw error;
  });
  return engineModule;
}

/** The status before the draft keeper has loaded (also what the server renders). */
function initialStatus(drafts: DraftsSnapshot | null): SaveStatus {
  return Object.values(drafts?.saved ?? {}).some((d) => d.code !== null)
    ? { state: "saved" }
    : { state: "idle" };
}

/**
 * Keeps the drafts of one exercise (files keyed "" for a one-file exercise, else by name). The
 * draft keeper (draft-engine.ts) is loaded after the page is hydrated, beside the editor's much
 * larger scripts: the host shows the editor once `ready`, so nothing can be typed before this
 * browser's copies are restored. A failed load is retried (1 s doubling to 30 s).
 */
export function useDraftSaving(
  options: DraftEngineOptions & { apply(file: string, code: string): void },
): DraftSaving {
  const apply = useRef(options.apply);
  useEffect(() => {
    apply.current = options.apply;
  });
  // The options the page was rendered with: one engine for the component's lifetime (the workspace remounts per exercise).
  const [first] = useState(() => options);
  const engine = useRef<DraftEngine | null>(null);
  const resetWanted = useRef(false);
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState<SaveStatus>(() => initialStatus(options.drafts));
  const [notices, setNotices] = useState<DraftNotice[]>([]);
  useEffect(() => {
    let live = true;
    let retry: number | undefined;
    const load = (attempt: number) => {
      loadDraftEngine().then(
        ({ DraftEngine }) => {
          if (!live) return;
          engine.current ??= new DraftEngine(first);
          engine.current.start({
            onStatus: setStatus,
            onNotices: setNotices,
            apply: (file, code) => apply.current(file, code),
          });
          if (resetWanted.current) {
            resetWanted.current = false;
            engine.current.reset();
          }
          setReady(true);
        },
        () => {
          if (live) retry = window.setTimeout(() => load(attempt + 1), Math.min(30_000, 1000 * 2 ** attempt));
        },
      );
    };
    load(0);
    return () => {
      live = false;
      window.clearTimeout(retry);
      engine.current?.stop();
    };
  }, [first]);
  return {
    ready,
    status,
    notices,
    latest: useCallback(
      (file: string) => engine.current?.latest(file) ?? first.initial[file] ?? first.starter[file] ?? "",
      [first],
    ),
    change: useCallback((file: string, code: string) => engine.current?.change(file, code), []),
    reset: useCallback(() => {
      if (engine.current) engine.current.reset();
      else resetWanted.current = true;
    }, []),
    chooseOther: useCallback((file: string) => engine.current?.chooseOther(file), []),
    dismissNotice: useCallback((file: string) => engine.current?.dismissNotice(file), []),
  };
}
