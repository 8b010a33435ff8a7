"use client";

import Link from "next/link";
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";
import type { Hint, PublicExercise, PublicFile } from "@/lib/content/public-types";
import { preloadCodeEditor, type EditorHandle } from "@/components/editor/lazy-code-editor";
import type { GradeResult } from "@/sandbox/types";
import { buttonClasses } from "@/components/ui/button";
import { DraftNotices, DraftStatus } from "./draft-status";
import { ExerciseEditor } from "./exercise-editor";
import { HintsPanel } from "./hints-panel";
import type { GradeMode, GradeOutcome, LessonActions, ProgressSnapshot } from "./lesson-actions";
import { ResetDialog } from "./reset-dialog";
import { SolutionPanel } from "./solution-panel";
import type { DraftsSnapshot } from "./use-draft-saving";
import { filePath, useLearnerFiles } from "./use-learner-files";
import { SplitGroup } from "./split-group";
import { LAYOUT_COOKIE, type PaneSizes, type WorkspaceLayout } from "./workspace-layout";

export interface LessonWorkspaceProps {
  exercise: PublicExercise;
  /** The lesson itself (server-rendered), shown in the lesson pane above the exercise's brief. */
  lessonPane: ReactNode;
  /** The code each learner file starts with: its saved draft, else its starter. */
  initialFiles: Record<string, string>;
  /** A signed-in learner's saved drafts with their revisions (null for a visitor): see use-draft-saving.ts. */
  drafts: DraftsSnapshot | null;
  signedIn: boolean;
  signInHref: string;
  signUpHref: string;
  initialProgress: ProgressSnapshot | null;
  initialHints: Hint[];
  extraLibs: { filePath: string; content: string }[];
  actions: LessonActions;
  /** Where "Next lesson" leads after a pass. */
  nextLesson: { title: string; href: string } | null;
  initialLayout: WorkspaceLayout;
}

type Tab = "lesson" | "code" | "results";
const TABS: { id: Tab; label: string }[] = [
  { id: "lesson", label: "Lesson" },
  { id: "code", label: "Code" },
  { id: "results", label: "Results" },
];

/**
 * The results view and its pass actions, loaded apart from the page's own script: there are no
 * results before a first grade, so it need not arrive before the editor does. The workspace
 * starts loading it once it has mounted (after the editor's scripts are requested) and waits for
 * it along with a grade, so a verdict never waits for it in practice and is never shown without it.
 */
type ResultsView = typeof import("./results-panel");
let resultsView: Promise<ResultsView> | null = null;
function loadResultsView(): Promise<ResultsView> {
  resultsView ??= import("./results-panel").catch((error: unknown) => {
    resultsView = null; // Tried again with the next grade.
    throw error;
  });
  return resultsView;
}

/**
 * A project's stages (only projects have them): loaded apart from the page's own script, so a
 * lesson without stages never fetches it. Server-rendered as before; in the browser its script is
 * requested as the workspace hydrates, after the editor's. A failed load is tried again (1 s, 2 s,
 * 4 s); after that the panel says to reload instead of breaking the page.
 */
const StagesPanel = lazy(async () => {
  for (let attempt = 0; ; attempt++) {
    try {
      return { default: (await import("./stages-panel")).StagesPanel };
    } catch (error) {
      if (attempt === 3) {
        console.error(error);
        return { default: StagesUnavailable };
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
    }
  }
});

function StagesUnavailable() {
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400" data-testid="stages-unavailable">
      Could not load this project&apos;s stages. Reload the page to see them (your code is kept).
    </p>
  );
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);
const subscribeNever = () => () => {};
const FRAME = /\(?([a-z0-9][a-z0-9_.-]*\.(?:ts|js)):(\d+):(\d+)\)?$/;
/** Below Tailwind's lg breakpoint the workspace is tabbed (see globals.css). */
const narrowQuery = "(max-width: 1023.98px)";
const isNarrow = () => window.matchMedia(narrowQuery).matches;

function saveLayout(name: string, layout: PaneSizes) {
  // A year; read by the lesson page on the server so the panes render at their size (no shift).
  document.cookie = `${name}=${encodeURIComponent(JSON.stringify(layout))}; path=/; max-age=31536000; samesite=lax`;
}

/** Grader markers: the error's location, and the first frame of each failed test in a learner file. */
function markersOf(
  result: GradeResult | null,
  names: string[],
): { file: string; line: number; column?: number; message: string }[] {
  if (!result) return [];
  const markers: { file: string; line: number; column?: number; message: string }[] = [];
  const error = result.error;
  if (error?.line)
    markers.push({
      file: error.file && names.includes(error.file) ? error.file : names[0]!,
      line: error.line,
      column: error.column,
      message: error.message,
    });
  for (const test of result.tests) {
    if (test.status === "pass" || !test.message) continue;
    for (const line of test.message.split("\n")) {
      const m = line.startsWith("    at ") ? FRAME.exec(line) : null;
      if (m && names.includes(m[1]!)) {
        markers.push({
          file: m[1]!,
          line: Number(m[2]),
          column: Number(m[3]),
          message: `${test.name}: ${test.message.split("\n")[0]}`,
        });
        break;
      }
    }
  }
  return markers;
}

/**
 * The lesson page's workspace. On wide screens: the lesson (and the exercise's brief, hints and
 * solution) in a pane on the left; on the right, always in view, the editor with Run/Submit above
 * the results. Both splits are resizable (split-group.tsx) and remembered. On narrow screens
 * the same panes are tabs: Lesson, Code, Results.
 */
export function LessonWorkspace(props: LessonWorkspaceProps) {
  const { exercise, signedIn, actions } = props;
  // The editor's scripts first (the largest download, and what the page is for); the draft keeper
  // (useLearnerFiles) and the results view load beside them. Rendering the editor waits for the
  // draft keeper, so this starts the editor's download without waiting for it.
  if (typeof window !== "undefined") preloadCodeEditor();
  const learner = useLearnerFiles({ exercise, initial: props.initialFiles, drafts: props.drafts });
  const [editorKey, setEditorKey] = useState(0);
  const [grading, setGrading] = useState<GradeMode | null>(null);
  const [outcome, setOutcome] = useState<{ mode: GradeMode; outcome: GradeOutcome; at: number } | null>(null);
  const [progress, setProgress] = useState(props.initialProgress);
  const [resultsView, setResultsView] = useState<ResultsView | null>(null);
  const [tab, setTab] = useState<Tab>("lesson");
  // Projects: stages passed. Learners' come from the server; a visitor's live in this page only.
  const [stagesPassed, setStagesPassed] = useState(props.initialProgress?.stagesPassed ?? 0);
  const mac = useSyncExternalStore(subscribeNever, isMac, () => false);
  const editor = useRef<EditorHandle | null>(null);
  const inFlight = useRef(false);
  const buttons = useRef<Record<GradeMode, HTMLButtonElement | null>>({ run: null, submit: null });
  const resultsHeading = useRef<HTMLElement | null>(null);
  const lessonScroller = useRef<HTMLDivElement | null>(null);
  const pendingFocus = useRef<(() => void) | null>(null);
  const stages = exercise.stages;
  const currentStage = stages.length ? Math.min(stagesPassed + 1, stages.length) : null;

  const grade = useCallback(
    async (mode: GradeMode) => {
      if (inFlight.current) return;
      inFlight.current = true;
      // Where focus goes back to once the verdict is in: the button pressed (disabled meanwhile, so
      // the browser drops its focus), or the editor when a shortcut was used there.
      const from = document.activeElement;
      const fromEditor = from instanceof HTMLElement && from.closest("[data-testid=code-editor]") !== null;
      setGrading(mode);
      let next: { mode: GradeMode; outcome: GradeOutcome; at: number };
      try {
        const [result, view] = await Promise.all([
          actions.grade({
            exerciseId: exercise.id,
            ...learner.submission(),
            mode,
            ...(currentStage ? { stage: currentStage } : {}),
          }),
          loadResultsView().catch(() => null),
        ]);
        if (view) setResultsView(view);
        next =
          view || !result.ok
            ? { mode, outcome: result, at: Date.now() }
            : {
                mode,
                outcome: {
                  ok: false,
                  error:
                    "Graded, but this page could not load the part that shows the results. Reload the page to see them (your code is kept).",
                },
                at: Date.now(),
              };
        if (result.ok && result.progress) {
          setProgress(result.progress);
          setStagesPassed(result.progress.stagesPassed);
        } else if (result.ok && mode === "submit" && result.stage && result.result.status === "pass") {
          setStagesPassed((passed) => Math.max(passed, result.stage!));
        }
      } catch {
        next = {
          mode,
          outcome: { ok: false, error: "Could not reach the server. Check your connection and try again." },
          at: Date.now(),
        };
      }
      // Where focus goes once React has committed the verdict (the effect below): on a phone, the
      // Results tab with its heading; on a wide screen, back where it was (the results are announced
      // by the live region). Focusing from here would race the commit: the heading would not exist
      // yet, or sit in a hidden tab, and the pressed button would still be disabled.
      pendingFocus.current = isNarrow()
        ? () => resultsHeading.current?.focus()
        : fromEditor
          ? () => editor.current?.focus()
          : () => {
              if (!document.activeElement || document.activeElement === document.body)
                (buttons.current[mode] ?? resultsHeading.current)?.focus();
            };
      if (isNarrow()) setTab("results");
      setOutcome(next);
      inFlight.current = false;
      setGrading(null);
    },
    [actions, exercise.id, learner, currentStage],
  );

  // The results view loads once the page is up (the editor's scripts are requested before it).
  useEffect(() => {
    let live = true;
    loadResultsView().then(
      (view) => live && setResultsView(view),
      () => {
        // Tried again with the first grade.
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const focus = pendingFocus.current;
    if (!focus || grading) return;
    pendingFocus.current = null;
    focus();
  }, [outcome, tab, grading]);

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

  // "Skip to the editor" (the site header's second link, shown on pages with a workspace): the Code
  // tab on a phone, and the cursor in the editor once it is loaded.
  useEffect(() => {
    function onClick(event: MouseEvent) {
      const link = event.target instanceof Element ? event.target.closest('a[href="#editor"]') : null;
      if (!link) return;
      setTab("code");
      if (editor.current) {
        event.preventDefault();
        requestAnimationFrame(() => editor.current?.focus());
      }
    }
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  const result = outcome?.outcome.ok ? outcome.outcome.result : null;
  const markers = useMemo(() => markersOf(result, learner.names), [result, learner.names]);
  // Read-only tabs: the visible tests that Run uses (a project's: those of every unlocked stage) and support modules.
  const readOnlyFiles = useMemo<PublicFile[]>(
    () => [
      ...(currentStage
        ? stages.slice(0, currentStage).flatMap((s) => s.exampleTests)
        : exercise.exampleTests),
      ...exercise.support,
    ],
    [exercise, stages, currentStage],
  );

  function goToLine(file: string | undefined, line: number, column?: number) {
    // A learner file, else a visible (read-only) test file the failure points into.
    const known = file && (learner.names.includes(file) || readOnlyFiles.some((f) => f.name === file));
    setTab("code");
    requestAnimationFrame(() =>
      editor.current?.goTo(filePath(exercise, known ? file : learner.names[0]!), line, column),
    );
  }

  function showInstructions() {
    setTab("lesson");
    requestAnimationFrame(() => {
      const heading = document.getElementById("exercise-title");
      heading?.scrollIntoView({ block: "start" });
      heading?.focus({ preventScroll: true });
    });
  }

  function reset() {
    if (!editor.current) setEditorKey((k) => k + 1);
    learner.reset();
    editor.current?.focus();
  }

  const mod = mac ? "⌘" : "Ctrl";
  const passedNow =
    result?.status === "pass" &&
    outcome?.mode === "submit" &&
    (!stages.length || (outcome.outcome.ok && outcome.outcome.stage === stages.length));

  const tabProps = (id: Tab) => ({
    role: "tabpanel" as const,
    id: `pane-${id}`,
    "aria-labelledby": `tab-${id}`,
  });

  return (
    <div
      className="ws flex flex-col gap-2 lg:h-[calc(100dvh-var(--ws-top))]"
      data-tab={tab}
      data-testid="workspace"
      data-workspace
    >
      <div
        role="tablist"
        aria-label="Workspace"
        className="sticky top-0 z-20 flex gap-1 rounded-lg border border-slate-200 bg-white p-1 lg:hidden dark:border-slate-800 dark:bg-slate-900"
      >
        {TABS.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`pane-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(event) => {
              const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
              if (!delta) return;
              event.preventDefault();
              const next = TABS[(i + delta + TABS.length) % TABS.length]!;
              setTab(next.id);
              document.getElementById(`tab-${next.id}`)?.focus();
            }}
            className={`flex-1 rounded-md px-3 py-2 text-sm font-medium ${tab === t.id ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"}`}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
            {t.id === "results" && outcome?.outcome.ok ? (
              <span
                className="ml-1"
                aria-label={outcome.outcome.result.status === "pass" ? "(passed)" : "(failed)"}
              >
                {outcome.outcome.result.status === "pass" ? "✓" : "✗"}
              </span>
            ) : null}
          </button>
        ))}
      </div>

      <SplitGroup
        orientation="horizontal"
        id="ws-main"
        className="ws-group min-h-0 flex-1"
        panes={[
          {
            id: "ws-lesson",
            defaultSize: 45,
            minSize: 20,
            attrs: { "data-testid": "pane-lesson", "data-pane": "lesson" },
          },
          { id: "ws-work", minSize: 30, attrs: { "data-testid": "pane-work", "data-pane": "work" } },
        ]}
        initial={props.initialLayout.main}
        separator={{
          id: "ws-split-main",
          className: "ws-separator",
          label: "Resize the lesson and the code",
        }}
        onResized={(sizes) => saveLayout(LAYOUT_COOKIE.main, sizes)}
      >
        <div
          ref={lessonScroller}
          className="ws-scroll h-full overflow-y-auto pr-3"
          tabIndex={0}
          aria-label="Lesson and exercise instructions"
          {...tabProps("lesson")}
        >
          {props.lessonPane}
          <section
            aria-labelledby="exercise-title"
            className="mt-10 space-y-4 border-t border-slate-200 pt-6 pb-6 dark:border-slate-800"
            data-testid="exercise-brief"
          >
            <div className="space-y-2">
              <p className="text-xs font-semibold uppercase tracking-wide text-brand-700 dark:text-brand-300">
                Exercise · {exercise.kind}
              </p>
              <h2 id="exercise-title" tabIndex={-1} className="text-xl font-semibold">
                {exercise.title}
              </h2>
              <div
                className="prose prose-sm max-w-none dark:prose-invert prose-code:before:content-none prose-code:after:content-none"
                dangerouslySetInnerHTML={{ __html: exercise.instructionsHtml }}
              />
            </div>
            {!signedIn ? (
              <p
                className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
                data-testid="sign-in-nudge"
              >
                You can read and run code without an account, but only{" "}
                <Link href={props.signInHref} className="font-medium underline">
                  signing in
                </Link>{" "}
                keeps your code, attempts and progress.
              </p>
            ) : null}
            {stages.length ? (
              <Suspense fallback={null}>
                <StagesPanel stages={stages} stagesPassed={stagesPassed} />
              </Suspense>
            ) : null}
            <p className="text-sm text-slate-600 lg:hidden dark:text-slate-400">
              <button
                type="button"
                className="font-medium text-brand-700 underline dark:text-brand-300"
                onClick={() => setTab("code")}
              >
                Open the code editor
              </button>
            </p>
            <HintsPanel
              exerciseId={exercise.id}
              hintCount={exercise.hintCount}
              initialHints={props.initialHints}
            />
            <SolutionPanel
              exerciseId={exercise.id}
              signedIn={signedIn}
              signInHref={props.signInHref}
              revealSolutionAfter={exercise.revealSolutionAfter}
              progress={progress}
              revealSolution={actions.revealSolution}
            />
          </section>
        </div>
        <SplitGroup
          orientation="vertical"
          id="ws-work-split"
          className="ws-group"
          panes={[
            {
              id: "ws-code",
              defaultSize: 62,
              minSize: 25,
              attrs: { "data-testid": "pane-code", "data-pane": "code" },
            },
            {
              id: "ws-results",
              minSize: 12,
              attrs: { "data-testid": "pane-results", "data-pane": "results" },
            },
          ]}
          initial={props.initialLayout.work}
          separator={{
            id: "ws-split-work",
            className: "ws-separator ws-separator-h",
            label: "Resize the code and the results",
          }}
          onResized={(sizes) => saveLayout(LAYOUT_COOKIE.work, sizes)}
        >
          <div className="flex h-full flex-col gap-2" {...tabProps("code")}>
            <div className="flex items-baseline justify-between gap-2 text-sm">
              <p className="truncate font-medium">
                <span className="text-slate-600 dark:text-slate-400">Exercise: </span>
                {exercise.title}
              </p>
              <button
                type="button"
                className="shrink-0 text-brand-700 underline dark:text-brand-300"
                onClick={showInstructions}
              >
                Instructions
              </button>
            </div>
            <DraftNotices learner={learner} />
            <div id="editor" tabIndex={-1} className="ws-editor min-h-0 flex-1 outline-none">
              <ExerciseEditor
                key={editorKey}
                exercise={exercise}
                learnerFiles={learner.current()}
                readOnlyFiles={readOnlyFiles}
                markers={markers}
                extraLibs={props.extraLibs}
                describedBy="editor-help"
                editable={learner.ready}
                onChange={learner.onChange}
                onRun={() => void grade("run")}
                onSubmit={() => void grade("submit")}
                onReady={(handle) => {
                  editor.current = handle;
                  learner.attachEditor(handle);
                }}
              />
            </div>
            <p className="text-xs text-slate-600 dark:text-slate-400" id="editor-help">
              In the editor, Tab indents: press {mac ? "Ctrl+Shift+M" : "Ctrl+M"} and then Tab to leave it
              (Escape first if a suggestion is open). F1 lists the editor&apos;s commands.
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <button
                type="button"
                className={buttonClasses("secondary")}
                ref={(el) => {
                  buttons.current.run = el;
                }}
                onClick={() => void grade("run")}
                disabled={grading !== null}
                aria-busy={grading === "run"}
                aria-keyshortcuts="Control+Enter Meta+Enter"
                title={`Run the example tests (${mod}+Enter)`}
                data-testid="run"
              >
                {grading === "run" ? "Running…" : "Run"}
                <kbd className="hidden text-xs sm:inline">{mod}+Enter</kbd>
              </button>
              <button
                type="button"
                className={buttonClasses("primary")}
                ref={(el) => {
                  buttons.current.submit = el;
                }}
                onClick={() => void grade("submit")}
                disabled={grading !== null}
                aria-busy={grading === "submit"}
                aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
                title={`Submit against all tests (${mod}+Shift+Enter)`}
                data-testid="submit"
              >
                {grading === "submit" ? "Submitting…" : "Submit"}
                <kbd className="hidden text-xs sm:inline">{mod}+Shift+Enter</kbd>
              </button>
              <ResetDialog onConfirm={reset} multiFile={exercise.files !== null} />
              <DraftStatus learner={learner} className="ml-auto" />
            </div>
          </div>
          <div
            className="ws-scroll h-full overflow-y-auto rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
            tabIndex={0}
            aria-label="Results"
            {...tabProps("results")}
          >
            <div aria-live="polite" className="space-y-2" data-testid="results-region">
              {grading ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {grading === "run" ? "Running the example tests…" : "Running all tests…"}
                </p>
              ) : outcome ? (
                outcome.outcome.ok ? (
                  resultsView ? (
                    <resultsView.ResultsPanel
                      key={outcome.at}
                      result={outcome.outcome.result}
                      mode={outcome.mode}
                      kind={exercise.kind}
                      stage={
                        outcome.outcome.stage !== null && stages.length
                          ? { index: outcome.outcome.stage, count: stages.length }
                          : null
                      }
                      multiFile={exercise.files !== null}
                      headingRef={resultsHeading}
                      onGoToLine={goToLine}
                      visibleFiles={readOnlyFiles.map((f) => f.name)}
                      learnerFiles={learner.names}
                      afterPass={
                        passedNow ? (
                          <resultsView.PassActions
                            nextLesson={props.nextLesson}
                            signedIn={signedIn}
                            signInHref={props.signInHref}
                            signUpHref={props.signUpHref}
                          />
                        ) : null
                      }
                    />
                  ) : null
                ) : (
                  <p
                    role="alert"
                    className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
                    data-testid="grade-failure"
                  >
                    {outcome.outcome.error}
                  </p>
                )
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  Run checks your code against the example tests; Submit runs the hidden tests too and records
                  your attempt.
                </p>
              )}
            </div>
            {progress ? (
              <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="attempts">
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
          </div>
        </SplitGroup>
      </SplitGroup>
    </div>
  );
}
