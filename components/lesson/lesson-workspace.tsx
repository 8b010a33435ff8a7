"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { Hint, PublicExercise, PublicFile } from "@/lib/content/public-types";
import type { EditorHandle } from "@/components/editor/lazy-code-editor";
import type { GradeResult } from "@/sandbox/types";
import { Button } from "@/components/ui/button";
import { DraftNotices, DraftStatus } from "./draft-status";
import { ExerciseEditor } from "./exercise-editor";
import { HintsPanel } from "./hints-panel";
import type { GradeMode, GradeOutcome, LessonActions, ProgressSnapshot } from "./lesson-actions";
import { ResultsPanel } from "./results-panel";
import { ResetDialog } from "./reset-dialog";
import { SolutionPanel } from "./solution-panel";
import { StagesPanel } from "./stages-panel";
import type { DraftsSnapshot } from "./use-draft-saving";
import { filePath, useLearnerFiles } from "./use-learner-files";

export interface LessonWorkspaceProps {
  exercise: PublicExercise;
  /** The code each learner file starts with: its saved draft, else its starter. */
  initialFiles: Record<string, string>;
  /** A signed-in learner's saved drafts with their revisions (null for a visitor): see use-draft-saving.ts. */
  drafts: DraftsSnapshot | null;
  signedIn: boolean;
  signInHref: string;
  initialProgress: ProgressSnapshot | null;
  initialHints: Hint[];
  extraLibs: { filePath: string; content: string }[];
  actions: LessonActions;
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);
const subscribeNever = () => () => {};
const FRAME = /\(?([a-z0-9][a-z0-9_.-]*\.(?:ts|js)):(\d+):(\d+)\)?$/;

/** Grader markers: the error's location, and the first frame of each failed test in a learner file. */
function markersOf(result: GradeResult | null, names: string[]): { file: string; line: number; column?: number; message: string }[] {
  if (!result) return [];
  const markers: { file: string; line: number; column?: number; message: string }[] = [];
  const error = result.error;
  if (error?.line) markers.push({ file: error.file && names.includes(error.file) ? error.file : names[0]!, line: error.line, column: error.column, message: error.message });
  for (const test of result.tests) {
    if (test.status === "pass" || !test.message) continue;
    for (const line of test.message.split("\n")) {
      const m = line.startsWith("    at ") ? FRAME.exec(line) : null;
      if (m && names.includes(m[1]!)) {
        markers.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), message: `${test.name}: ${test.message.split("\n")[0]}` });
        break;
      }
    }
  }
  return markers;
}

/** The exercise side of a lesson page: instructions, stages, files, editor, Run/Submit, results, hints, solution. */
export function LessonWorkspace(props: LessonWorkspaceProps) {
  const { exercise, signedIn, actions } = props;
  const learner = useLearnerFiles({ exercise, initial: props.initialFiles, drafts: props.drafts });
  const [editorKey, setEditorKey] = useState(0);
  const [grading, setGrading] = useState<GradeMode | null>(null);
  const [outcome, setOutcome] = useState<{ mode: GradeMode; outcome: GradeOutcome } | null>(null);
  const [progress, setProgress] = useState(props.initialProgress);
  // Projects: stages passed. Learners' come from the server; a visitor's live in this page only.
  const [stagesPassed, setStagesPassed] = useState(props.initialProgress?.stagesPassed ?? 0);
  const mac = useSyncExternalStore(subscribeNever, isMac, () => false);
  const editor = useRef<EditorHandle | null>(null);
  const inFlight = useRef(false);
  const stages = exercise.stages;
  const currentStage = stages.length ? Math.min(stagesPassed + 1, stages.length) : null;

  const grade = useCallback(
    async (mode: GradeMode) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setGrading(mode);
      try {
        const result = await actions.grade({ exerciseId: exercise.id, ...learner.submission(), mode, ...(currentStage ? { stage: currentStage } : {}) });
        setOutcome({ mode, outcome: result });
        if (result.ok && result.progress) {
          setProgress(result.progress);
          setStagesPassed(result.progress.stagesPassed);
        } else if (result.ok && mode === "submit" && result.stage && result.result.status === "pass") {
          setStagesPassed((passed) => Math.max(passed, result.stage!));
        }
      } catch {
        setOutcome({ mode, outcome: { ok: false, error: "Could not reach the server. Check your connection and try again." } });
      } finally {
        inFlight.current = false;
        setGrading(null);
      }
    },
    [actions, exercise.id, learner, currentStage],
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
  const markers = useMemo(() => markersOf(result, learner.names), [result, learner.names]);
  // Read-only tabs: the visible tests that Run uses (a project's: those of every unlocked stage) and support modules.
  const readOnlyFiles = useMemo<PublicFile[]>(
    () => [...(currentStage ? stages.slice(0, currentStage).flatMap((s) => s.exampleTests) : exercise.exampleTests), ...exercise.support],
    [exercise, stages, currentStage],
  );

  function goToLine(file: string | undefined, line: number, column?: number) {
    editor.current?.goTo(filePath(exercise, file && learner.names.includes(file) ? file : learner.names[0]!), line, column);
  }

  function reset() {
    if (!editor.current) setEditorKey((k) => k + 1);
    learner.reset();
    editor.current?.focus();
  }

  const mod = mac ? "⌘" : "Ctrl";

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

      {stages.length ? <StagesPanel stages={stages} stagesPassed={stagesPassed} /> : null}

      <DraftNotices learner={learner} />
      <ExerciseEditor
        key={editorKey}
        exercise={exercise}
        learnerFiles={learner.current()}
        readOnlyFiles={readOnlyFiles}
        markers={markers}
        extraLibs={props.extraLibs}
        onChange={learner.onChange}
        onRun={() => void grade("run")}
        onSubmit={() => void grade("submit")}
        onReady={(handle) => {
          editor.current = handle;
          learner.attachEditor(handle);
        }}
      />
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
        <ResetDialog onConfirm={reset} multiFile={exercise.files !== null} />
        <DraftStatus learner={learner} className="ml-auto" />
      </div>
      {progress ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="attempts">
          {progress.passed ? (
            <span className="font-medium text-emerald-700 dark:text-emerald-400">
              <span aria-hidden="true">✓ </span>
              {stages.length ? "Project complete: every stage passed." : "Exercise passed."}
            </span>
          ) : stages.length && progress.stagesPassed > 0 ? (
            <span className="font-medium text-emerald-700 dark:text-emerald-400">
              <span aria-hidden="true">✓ </span>
              {progress.stagesPassed} of {stages.length} stages passed.
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
            <ResultsPanel
              result={outcome.outcome.result}
              mode={outcome.mode}
              kind={exercise.kind}
              stage={outcome.outcome.stage !== null && stages.length ? { index: outcome.outcome.stage, count: stages.length } : null}
              multiFile={exercise.files !== null}
              onGoToLine={goToLine}
            />
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
