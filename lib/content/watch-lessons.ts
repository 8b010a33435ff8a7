/**
 * Development hot reload: one recursive fs.watch per lessons folder, shared by every subscriber,
 * debounced so an editor's save (several events) becomes one notification.
 */
import "server-only";
import { watch, type FSWatcher } from "node:fs";
import { LESSONS_ROOT } from "../env.ts";

const DEBOUNCE_MS = 100;

interface WatchState {
  watcher: FSWatcher;
  listeners: Set<(file: string | null) => void>;
  timer: NodeJS.Timeout | null;
  lastFile: string | null;
}

const watched = new Map<string, WatchState>();

/**
 * Calls `onChange` (with the changed path relative to the lessons folder, when known) after files
 * under `root` change. Returns a function that unsubscribes; the watcher closes with the last one.
 */
export function watchLessons(
  onChange: (file: string | null) => void,
  root = defaultLessonsRoot(),
): () => void {
  let state = watched.get(root);
  if (!state) {
    const created: WatchState = {
      listeners: new Set(),
      timer: null,
      lastFile: null,
      watcher: watch(root, { recursive: true, persistent: false }, (_event, filename) => {
        created.lastFile = filename ? String(filename) : null;
        if (created.timer) clearTimeout(created.timer);
        created.timer = setTimeout(() => {
          created.timer = null;
          for (const listener of created.listeners) listener(created.lastFile);
        }, DEBOUNCE_MS);
      }),
    };
    created.watcher.on("error", (error) => {
      console.error(`[lessons] watching ${root} stopped: ${error.message}`);
      close(root);
    });
    watched.set(root, created);
    state = created;
  }
  state.listeners.add(onChange);
  return () => {
    const current = watched.get(root);
    if (!current) return;
    current.listeners.delete(onChange);
    if (current.listeners.size === 0) close(root);
  };
}

function close(root: string) {
  const state = watched.get(root);
  if (!state) return;
  if (state.timer) clearTimeout(state.timer);
  state.watcher.close();
  watched.delete(root);
}

/**
 * The app's lessons folder: LESSONS_DIR when set (content kept elsewhere, tests), else `<root>/lessons`
 * (lib/env.ts).
 */
export function defaultLessonsRoot(): string {
  return LESSONS_ROOT;
}
