"use client";

/**
 * The learner's files of an exercise and their drafts: one file ("solution.ts") or several
 * (multi-file exercises and projects: "routes.ts", "store.ts", ...). Maps the files to their drafts
 * (use-draft-saving.ts keeps and saves them, one per file), puts restored or reconciled code into
 * the editor, and resets every file to its starter. Kept apart from the page layout so the editor
 * area can move without it.
 */
import { useCallback, useMemo, useRef } from "react";
import type { PublicExercise } from "@/lib/content/public-types";
import type { EditorHandle } from "@/components/editor/lazy-code-editor";
import { useDraftSaving, type DraftNotice, type DraftsSnapshot, type SaveStatus } from "./use-draft-saving";

/** The learner's file names in tab order and their starter code. */
export function starterFiles(exercise: PublicExercise): Record<string, string> {
  return exercise.files
    ? Object.fromEntries(exercise.files.map((f) => [f.name, f.source]))
    : { [exercise.fileName]: exercise.starter };
}

/** Model URI of a file of the exercise in the editor. */
export function filePath(exercise: PublicExercise, name: string): string {
  return `file:///${exercise.id}/${name}`;
}

export interface LearnerFiles {
  /** This browser's copies are restored: the editor can be shown (use-draft-saving.ts). */
  ready: boolean;
  names: string[];
  /** The latest code of every learner file, by name. */
  current(): Record<string, string>;
  /** What grading sends: `code` for a one-file exercise, `files` for a multi-file one. */
  submission(): { code: string } | { files: Record<string, string> };
  status: SaveStatus;
  /** Where this browser's and the server's copies differ: which one is shown, with the other on offer (file: its name). */
  notices: (DraftNotice & { name: string })[];
  chooseOther(name: string): void;
  dismissNotice(name: string): void;
  onChange(name: string, code: string): void;
  /** Every file back to its starter (undoable in the editor), and the drafts reset. */
  reset(): void;
  /** The editor is ready (again): it gets the code restored or reconciled meanwhile. */
  attachEditor(handle: EditorHandle): void;
}

export function useLearnerFiles(options: {
  exercise: PublicExercise;
  initial: Record<string, string>;
  drafts: DraftsSnapshot | null;
}): LearnerFiles {
  const { exercise } = options;
  const multi = exercise.files !== null;
  const starter = useMemo(() => starterFiles(exercise), [exercise]);
  const names = useMemo(() => Object.keys(starter), [starter]);
  // Drafts of a one-file exercise are kept under the file "" (as before multi-file exercises).
  const draftKey = useCallback((name: string) => (multi ? name : ""), [multi]);
  const nameOf = useCallback((key: string) => (multi ? key : names[0]!), [multi, names]);
  const editor = useRef<EditorHandle | null>(null);

  const draft = useDraftSaving({
    exerciseId: exercise.id,
    starter: Object.fromEntries(names.map((n) => [draftKey(n), starter[n]!])),
    initial: Object.fromEntries(names.map((n) => [draftKey(n), options.initial[n] ?? starter[n]!])),
    drafts: options.drafts,
    apply: (key, code) => editor.current?.setValue(filePath(exercise, nameOf(key)), code),
  });
  const { change, latest } = draft;

  const onChange = useCallback(
    (name: string, code: string) => change(draftKey(name), code),
    [change, draftKey],
  );
  const current = useCallback(
    () => Object.fromEntries(names.map((n) => [n, latest(draftKey(n))])),
    [names, latest, draftKey],
  );

  return {
    ready: draft.ready,
    names,
    current,
    submission: () => (multi ? { files: current() } : { code: latest("") }),
    status: draft.status,
    notices: draft.notices.map((n) => ({ ...n, name: nameOf(n.file) })),
    chooseOther: (name) => draft.chooseOther(draftKey(name)),
    dismissNotice: (name) => draft.dismissNotice(draftKey(name)),
    onChange,
    reset: draft.reset,
    attachEditor(handle) {
      editor.current = handle;
      for (const name of names) handle.setValue(filePath(exercise, name), latest(draftKey(name)));
    },
  };
}
