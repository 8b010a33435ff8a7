"use client";

import dynamic from "next/dynamic";

export type { EditorFile, EditorHandle, EditorMarker, CodeEditorProps } from "./code-editor";

/**
 * The code editor, loaded on demand: Monaco (several MB) is fetched after the page is interactive,
 * never server-rendered and never part of the lesson page's initial JavaScript.
 */
export const LazyCodeEditor = dynamic(() => import("./code-editor"), {
  ssr: false,
  loading: () => (
    <div
      className="flex h-full items-center justify-center text-sm text-slate-500 dark:text-slate-400"
      data-testid="editor-loading"
    >
      Loading the editor…
    </div>
  ),
});
