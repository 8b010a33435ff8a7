"use client";

import dynamic from "next/dynamic";

export type { EditorFile, EditorHandle, EditorMarker, CodeEditorProps } from "./code-editor";

/** What shows where the editor will be, until it is loaded. */
export function EditorLoading() {
  return (
    <div
      className="flex h-full items-center justify-center text-sm text-slate-500 dark:text-slate-400"
      data-testid="editor-loading"
    >
      Loading the editor…
    </div>
  );
}

// One import site: two `import("./code-editor")` expressions (one inside `dynamic()`) each got
// their own copy of the editor's first chunk from Turbopack, and the page fetched both.
const loadCodeEditor = () => import("./code-editor");

/**
 * Starts fetching the editor's scripts (once; the editor below uses the same download). For a page
 * that mounts the editor a moment later but wants its scripts requested first.
 */
export function preloadCodeEditor(): void {
  void loadCodeEditor().catch(() => {
    // LazyCodeEditor's own import reports (and retries) a failure when it mounts.
  });
}

/**
 * The code editor, loaded on demand: Monaco (several MB) is fetched after the page is interactive,
 * never server-rendered and never part of the lesson page's initial JavaScript.
 */
export const LazyCodeEditor = dynamic(loadCodeEditor, {
  ssr: false,
  loading: () => <EditorLoading />,
});
