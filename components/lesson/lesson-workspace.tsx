"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import type { Hint, PublicExercise } from "@/lib/content/public-types";
import { LazyCodeEditor, type EditorFile, type EditorHandle, type EditorMarker } from "@/components/editor/lazy-code-editor";
import { Button } from "@/components/ui/button";
import { HintsPanel } from "./hints-panel";
import type { GradeMode, GradeOutcome, LessonActions, ProgressSnapshot } from "./lesson-actions";
import { ResultsPanel } from "./results-panel";
import { ResetDialog } from "./reset-dialog";
import { SolutionPanel } from "./solution-panel";
import { getCodeTypedInThisTab, localDraftKey, useDraftSaving } from "./use-draft-saving";

export interface LessonWorkspaceProps {
  exercise: PublicExercise;
  /** The saved draft, else the starter. */
  initialCode: string;
  /** Whether initialCode came from a saved draft. */
  fromDraft: boolean;
  signedIn: boolean;
  signInHref: string;
  initialProgress: ProgressSnapshot | null;
  initialHints: Hint[];
  extraLibs: { filePath: string; content: string }[];
  actions: LessonActions;
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);
const subscribeNever = () => () => {};

/** The exercise side of a lesson page: instructions, files, editor, Run/Submit, results, hints, solution. */
export function LessonWorkspace(props: LessonWorkspaceProps) {
  const { exercise, signedIn, actions } = props;
  // What this tab last typed wins over a draft from Next's router cache (back/forward navigation).
  const [code, setCode] = useState(() => getCodeTypedInThisTab(exercise.id) ?? props.initialCode);
  const [editorKey, setEditorKey] = useState(0);
  const [activePath, setActivePath] = useState(`file:///${exercise.id}/${exercise.fileName}`);
  const [grading, setGrading] = useState<GradeMode | null>(null);
  const [outcome, setOutcome] = useState<{ mode: GradeMode; outcome: GradeOutcome } | null>(null);
  const [progress, setProgress] = useState(props.initialProgress);
  const mac = useSyncExternalStore(subscribeNever, isMac, () => false);
  const editor = useRef<EditorHandle | null>(null);
  const inFlight = useRef(false);
  const codeRef = useRef(code);
  const draft = useDraftSaving({ exerciseId: exercise.id, signedIn, initialCode: props.initialCode, fromDraft: props.fromDraft });
  const save = draft.status;
  const { noteChange } = draft;

  const lang = exercise.language === "sql" ? "sql" : exercise.language === "js" ? "javascript" : "typescript";
  const base = `file:///${exercise.id}/`;
  const learnerPath = base + exercise.fileName;
  const files = useMemo(() => {
    const list: (EditorFile & { label: string })[] = [{ path: learnerPath, label: exercise.fileName, language: lang, value: code, readOnly: false }];
    for (const f of exercise.exampleTests) list.push({ path: base + f.name, label: f.name, language: lang, value: f.source, readOnly: true });
    if (exercise.module) list.push({ path: base + exercise.module.name, label: `${exercise.module.name} (code under test)`, language: lang, value: exercise.module.source, readOnly: true });
    for (const f of exercise.support) list.push({ path: base + f.name, label: f.name, language: lang, value: f.source, readOnly: true });
    if (exercise.seed !== null) list.push({ path: `${base}seed.sql`, label: "seed.sql (the data)", language: "sql", value: exercise.seed, readOnly: true });
    return list;
    // The learner's value only seeds the model; it is read once per editor instance (editorKey).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [exercise, editorKey]);

  useEffect(() => {
    codeRef.current = code;
    noteChange(code);
  }, [code, noteChange]);

  const grade = useCallback(
    async (mode: GradeMode) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setGrading(mode);
      try {
        const result = await actions.grade({ exerciseId: exercise.id, code: codeRef.current, mode });
        setOutcome({ mode, outcome: result });
        if (result.ok && result.progress) setProgress(result.progress);
      } catch {
        setOutcome({ mode, outcome: { ok: false, error: "Could not reach the server. Check your connection and try again." } });
      } finally {
        inFlight.current = false;
        setGrading(null);
      }
    },
    [actions, exercise.id],
  );

  // Ctrl/Cmd+Enter runs and Ctrl/Cmd+Shift+Enter submits from anywhere on the page (inside the
  // editor, Monaco's own commands handle them and mark the event handled).
  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      if (event.defaultPrevented || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      void grade(event.shiftKey ? "submit" : "run");
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [grade]);

  const result = outcome?.outcome.ok ? outcome.outcome.result : null;
  const markers: EditorMarker[] = useMemo(() => {
    const error = result?.error;
    return error?.line ? [{ line: error.line, column: error.column, message: error.message }] : [];
  }, [result]);

  function goToLine(line: number, column?: number) {
    setActivePath(learnerPath);
    editor.current?.goTo(line, column);
  }

  function reset() {
    if (editor.current) editor.current.setLearnerValue(exercise.starter);
    else {
      setCode(exercise.starter);
      setEditorKey((k) => k + 1);
    }
    draft.reset(exercise.starter, () => actions.resetDraft({ exerciseId: exercise.id }));
    editor.current?.focus();
  }

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = files[(index + delta + files.length) % files.length]!;
    setActivePath(next.path);
    (event.currentTarget.parentElement?.children[(index + delta + files.length) % files.length] as HTMLElement | undefined)?.focus();
  }

  const mod = mac ? "⌘" : "Ctrl";
  const activeIndex = Math.max(0, files.findIndex((f) => f.path === activePath));

  return (
    <section aria-labelledby="exercise-title" className="space-y-4" data-testid="workspace">
      <div className="space-y-2">
        <p className="text-xs font-semibold uppercase tracking-wide text-brand-600 dark:text-brand-100">Exercise · {exercise.kind}</p>
        <h2 id="exercise-title" className="text-xl font-semibold">
          {exercise.title}
        </h2>
        <div className="prose prose-sm max-w-none dark:prose-invert prose-code:before:content-none prose-code:after:content-none" dangerouslySetInnerHTML={{ __html: exercise.instructionsHtml }} />
      </div>

      {!signedIn ? (
        <p className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100" data-testid="sign-in-nudge">
          You can read and run code without an account, but only{" "}
          <Link href={props.signInHref} className="font-medium underline">
            signing in
          </Link>{" "}
          keeps your code, attempts and progress.
        </p>
      ) : null}

      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div role="tablist" aria-label="Files" className="flex flex-wrap gap-1 border-b border-slate-200 bg-slate-50 px-2 pt-2 dark:border-slate-800 dark:bg-slate-950">
          {files.map((file, index) => {
            const selected = index === activeIndex;
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
                className={`rounded-t-md px-3 py-1.5 font-mono text-xs ${selected ? "border border-b-0 border-slate-200 bg-white font-semibold dark:border-slate-700 dark:bg-slate-900" : "text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"}`}
              >
                {file.label}
                {file.readOnly ? <span className="sr-only"> (read-only)</span> : null}
              </button>
            );
          })}
        </div>
        <div id="file-panel" role="tabpanel" aria-labelledby={`file-tab-${activeIndex}`} className="h-[22rem] lg:h-[50vh]">
          <LazyCodeEditor
            key={editorKey}
            files={files}
            learnerPath={learnerPath}
            activePath={files[activeIndex]!.path}
            extraLibs={props.extraLibs}
            markers={markers}
            ariaLabel={`Code editor, ${files[activeIndex]!.label}`}
            onChange={setCode}
            onRun={() => void grade("run")}
            onSubmit={() => void grade("submit")}
            onReady={(handle) => {
              editor.current = handle;
              // A visitor's code is kept in this browser; it is also picked up after signing in
              // when the account has no draft yet, so signing in from the lesson loses nothing.
              if (props.fromDraft) return;
              const local = window.localStorage.getItem(localDraftKey(exercise.id));
              if (local !== null && local !== codeRef.current) handle.setLearnerValue(local);
            }}
          />
        </div>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400" id="editor-help">
        In the editor, Tab indents. Press {mac ? "Ctrl+Shift+M" : "Ctrl+M"} to make Tab move focus instead, and F1 for the editor&apos;s commands and their keys.
      </p>

      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant="secondary"
          onClick={() => void grade("run")}
          disabled={grading !== null}
          aria-busy={grading === "run"}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          title={`Run the example tests (${mod}+Enter)`}
          data-testid="run"
        >
          {grading === "run" ? "Running…" : "Run"}
          <kbd className="hidden text-xs opacity-70 sm:inline">{mod}+Enter</kbd>
        </Button>
        <Button
          type="button"
          onClick={() => void grade("submit")}
          disabled={grading !== null}
          aria-busy={grading === "submit"}
          aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
          title={`Submit against all tests (${mod}+Shift+Enter)`}
          data-testid="submit"
        >
          {grading === "submit" ? "Submitting…" : "Submit"}
          <kbd className="hidden text-xs opacity-70 sm:inline">{mod}+Shift+Enter</kbd>
        </Button>
        <ResetDialog onConfirm={reset} />
        <span className="ml-auto text-xs text-slate-500 dark:text-slate-400" role="status" data-testid="save-status" data-state={save.state}>
          {save.state === "saving" ? "Saving…" : save.state === "saved" ? (save.message ?? "Saved") : save.state === "error" ? `Not saved: ${save.message}` : ""}
        </span>
      </div>
      {progress ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="attempts">
          {progress.passed ? (
            <span className="font-medium text-emerald-700 dark:text-emerald-400">
              <span aria-hidden="true">✓ </span>Exercise passed.
            </span>
          ) : null}{" "}
          {progress.attempts} submission{progress.attempts === 1 ? "" : "s"} so far.
        </p>
      ) : null}

      <div aria-live="polite" className="space-y-2" data-testid="results-region">
        {grading ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{grading === "run" ? "Running the example tests…" : "Running all tests…"}</p>
        ) : outcome ? (
          outcome.outcome.ok ? (
            <ResultsPanel result={outcome.outcome.result} mode={outcome.mode} kind={exercise.kind} onGoToLine={goToLine} />
          ) : (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="grade-failure">
              {outcome.outcome.error}
            </p>
          )
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">Run checks your code against the example tests; Submit runs the hidden tests too and records your attempt.</p>
        )}
      </div>

      <HintsPanel exerciseId={exercise.id} hintCount={exercise.hintCount} initialHints={props.initialHints} revealHint={actions.revealHint} />
      <SolutionPanel
        exerciseId={exercise.id}
        signedIn={signedIn}
        signInHref={props.signInHref}
        revealSolutionAfter={exercise.revealSolutionAfter}
        progress={progress}
        revealSolution={actions.revealSolution}
      />
    </section>
  );
}
