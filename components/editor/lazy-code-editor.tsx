"use client";

import { lazy, Suspense, useSyncExternalStore } from "react";
import type { CodeEditorProps } from "./code-editor";

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

// One import site: two `import("./code-editor")` expressions each got their own copy of the
// editor's first chunk from Turbopack, and the page fetched both.
const loadCodeEditor = () => import("./code-editor");

/**
 * Starts fetching the editor's scripts (once; the editor below uses the same download). For a page
 * that mounts the editor a moment later but wants its scripts requested first.
 */
export function preloadCodeEditor(): void {
  void loadCodeEditor().catch(() => {
    // LazyCodeEditor's own import reports a failure (to the error boundary) when it mounts.
  });
}

// React.lazy rather than next/dynamic: the same deferred load without next/dynamic's loader code
// (about 1.4 KB compressed) in the lesson page's first JavaScript.
const CodeEditor = lazy(loadCodeEditor);
const subscribeNever = () => () => {};

/**
 * The code editor, loaded on demand: Monaco (several MB) is fetched after the page is interactive,
 * never server-rendered (the server and hydration render the placeholder) and never part of the
 * lesson page's initial JavaScript.
 */
export function LazyCodeEditor(props: CodeEditorProps) {
  const client = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  if (!client) return <EditorLoading />;
  return (
    <Suspense fallback={<EditorLoading />}>
      <CodeEditor {...props} />
    </Suspense>
  );
}
