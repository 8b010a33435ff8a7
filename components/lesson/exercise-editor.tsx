"use client";

import { useMemo, useState, type KeyboardEvent } from "react";
import type { PublicExercise, PublicFile } from "@/lib/content/public-types";
import {
  EditorLoading,
  LazyCodeEditor,
  type EditorFile,
  type EditorHandle,
  type EditorMarker,
} from "@/components/editor/lazy-code-editor";
import { filePath } from "./use-learner-files";

export interface ExerciseEditorProps {
  exercise: PublicExercise;
  /** The learner's files (editable, first tabs) with the code each editor model starts with. */
  learnerFiles: Record<string, string>;
  /** Read-only files shown after them: example tests (a project's, of the unlocked stages), support modules. */
  readOnlyFiles: PublicFile[];
  /** Grader markers by learner file name. */
  markers: { file: string; line: number; column?: number; message: string }[];
  extraLibs: { filePath: string; content: string }[];
  /** Id of the text that says how to leave the editor (Tab indents in it). */
  describedBy?: string;
  onChange(name: string, code: string): void;
  onRun(): void;
  onSubmit(): void;
  onReady(handle: EditorHandle): void;
  /** False until the learner's files are ready to be edited (drafts restored): a placeholder shows meanwhile. */
  editable: boolean;
}

/**
 * The editor area: one tab per file (the learner's files first, then read-only ones), all of them
 * Monaco models of one editor so imports between them resolve (IntelliSense across files). The
 * editor instance lives as long as this component; the workspace remounts it (key) to start over.
 */
export function ExerciseEditor(props: ExerciseEditorProps) {
  const { exercise } = props;
  const lang = exercise.language === "sql" ? "sql" : exercise.language === "js" ? "javascript" : "typescript";
  const files = useMemo(() => {
    const list: (EditorFile & { label: string })[] = Object.entries(props.learnerFiles).map(
      ([name, value]) => ({
        path: filePath(exercise, name),
        label: name,
        language: lang,
        value,
        readOnly: false,
      }),
    );
    for (const f of props.readOnlyFiles)
      list.push({
        path: filePath(exercise, f.name),
        label: f.name,
        language: lang,
        value: f.source,
        readOnly: true,
      });
    if (exercise.module)
      list.push({
        path: filePath(exercise, exercise.module.name),
        label: `${exercise.module.name} (code under test)`,
        language: lang,
        value: exercise.module.source,
        readOnly: true,
      });
    if (exercise.seed !== null)
      list.push({
        path: filePath(exercise, "seed.sql"),
        label: "seed.sql (the data)",
        language: "sql",
        value: exercise.seed,
        readOnly: true,
      });
    return list;
    // The learner's values only seed the models; they are read once per editor instance.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [exercise, props.readOnlyFiles]);
  const [activePath, setActivePath] = useState(files[0]!.path);
  const activeIndex = Math.max(
    0,
    files.findIndex((f) => f.path === activePath),
  );
  const markers: EditorMarker[] = useMemo(
    () =>
      props.markers.map((m) => ({
        path: filePath(exercise, m.file),
        line: m.line,
        column: m.column,
        message: m.message,
      })),
    [props.markers, exercise],
  );

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = (index + delta + files.length) % files.length;
    setActivePath(files[next]!.path);
    (event.currentTarget.parentElement?.children[next] as HTMLElement | undefined)?.focus();
  }

  const active = files[activeIndex]!;
  return (
    <div className="flex h-full flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div
        role="tablist"
        aria-label="Files"
        className="flex flex-wrap gap-1 border-b border-slate-200 bg-slate-50 px-2 pt-2 dark:border-slate-800 dark:bg-slate-950"
      >
        {files.map((file, index) => {
          const selected = index === activeIndex;
          const marked = !file.readOnly && markers.some((m) => m.path === file.path);
          return (
            <button
              key={file.path}
              type="button"
              role="tab"
              id={`file-tab-${index}`}
              aria-selected={selected}
              aria-controls="file-panel"
              tabIndex={selected ? 0 : -1}
              onClick={() => setActivePath(file.path)}
              onKeyDown={(e) => onTabKey(e, index)}
              data-file={file.label}
              className={`rounded-t-md px-3 py-1.5 font-mono text-xs ${selected ? "border border-b-0 border-slate-200 bg-white font-semibold dark:border-slate-700 dark:bg-slate-900" : "text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"}`}
            >
              {file.label}
              {marked ? (
                <span
                  className="ml-1 text-red-600 dark:text-red-400"
                  title="The grader marked a line in this file"
                >
                  ●<span className="sr-only"> (has a problem)</span>
                </span>
              ) : null}
              {file.readOnly ? <span className="sr-only"> (read-only)</span> : null}
            </button>
          );
        })}
      </div>
      <div
        id="file-panel"
        role="tabpanel"
        aria-labelledby={`file-tab-${activeIndex}`}
        className="min-h-0 flex-1"
      >
        {!props.editable ? (
          <EditorLoading />
        ) : (
          <LazyCodeEditor
            files={files}
            activePath={active.path}
            extraLibs={props.extraLibs}
            markers={markers}
            ariaLabel={`Code editor, ${active.label}`}
            describedBy={props.describedBy}
            onChange={(path, code) => props.onChange(path.slice(path.lastIndexOf("/") + 1), code)}
            onShowFile={setActivePath}
            onRun={props.onRun}
            onSubmit={props.onSubmit}
            onReady={props.onReady}
          />
        )}
      </div>
    </div>
  );
}
