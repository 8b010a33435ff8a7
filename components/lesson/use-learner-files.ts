"use client";

/**
 * The learner's files of an exercise and their drafts: one file ("solution.ts") or several
 * (multi-file exercises and projects: "routes.ts", "store.ts", ...). Holds the latest code of each
 * file, saves each as its own draft (use-draft-saving.ts), restores a visitor's drafts from this
 * browser, and resets every file to its starter. Kept apart from the page layout so the editor area
 * can move without it.
 */
import { useCallback, useRef } from "react";
import type { PublicExercise } from "@/lib/content/public-types";
import type { EditorHandle } from "@/components/editor/lazy-code-editor";
import { getCodeTypedInThisTab, localDraftKey, useDraftSaving, type SaveStatus } from "./use-draft-saving";

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
  names: string[];
  /** The latest code of every learner file, by name. */
  current(): Record<string, string>;
  /** What grading sends: `code` for a one-file exercise, `files` for a multi-file one. */
  submission(): { code: string } | { files: Record<string, string> };
  status: SaveStatus;
  onChange(name: string, code: string): void;
  /** Every file back to its starter (undoable in the editor), and the drafts forgotten. */
  reset(handle: EditorHandle | null, forget: () => Promise<unknown>): void;
  /** A visitor's code kept in this browser, put back once the editor is ready. */
  restoreLocal(handle: EditorHandle): void;
}

export function useLearnerFiles(options: {
  exercise: PublicExercise;
  signedIn: boolean;
  initial: Record<string, string>;
  fromDraft: boolean;
}): LearnerFiles {
  const { exercise } = options;
  const multi = exercise.files !== null;
  const names = Object.keys(starterFiles(exercise));
  // Drafts of a one-file exercise are kept under the file "" (as before multi-file exercises).
  const draftKey = useCallback((name: string) => (multi ? name : ""), [multi]);
  const codes = useRef<Record<string, string> | null>(null);
  // What this tab last typed wins over a draft from Next's router cache (back/forward navigation).
  codes.current ??= Object.fromEntries(
    names.map((n) => [n, getCodeTypedInThisTab(exercise.id, draftKey(n)) ?? options.initial[n] ?? ""]),
  );
  const draft = useDraftSaving({
    exerciseId: exercise.id,
    signedIn: options.signedIn,
    initial: Object.fromEntries(names.map((n) => [draftKey(n), options.initial[n] ?? ""])),
    fromDraft: options.fromDraft,
  });
  const { noteChange } = draft;

  const onChange = useCallback(
    (name: string, code: string) => {
      codes.current = { ...codes.current, [name]: code };
      noteChange(draftKey(name), code);
    },
    [noteChange, draftKey],
  );

  return {
    names,
    current: () => ({ ...codes.current! }),
    submission: () => (multi ? { files: { ...codes.current! } } : { code: codes.current![names[0]!] ?? "" }),
    status: draft.status,
    onChange,
    reset(handle, forget) {
      const starter = starterFiles(exercise);
      for (const name of names) {
        if (handle) handle.setValue(filePath(exercise, name), starter[name]!);
        codes.current = { ...codes.current, [name]: starter[name]! };
      }
      draft.reset(Object.fromEntries(names.map((n) => [draftKey(n), starter[n]!])), forget);
    },
    restoreLocal(handle) {
      // A visitor's code is kept in this browser; it is also picked up after signing in when the
      // account has no draft yet, so signing in from the lesson loses nothing.
      if (options.fromDraft) return;
      for (const name of names) {
        const local = window.localStorage.getItem(localDraftKey(exercise.id, draftKey(name)));
        if (local !== null && local !== codes.current![name])
          handle.setValue(filePath(exercise, name), local);
      }
    },
  };
}
