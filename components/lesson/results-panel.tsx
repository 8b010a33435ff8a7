"use client";

import Link from "next/link";
import type { ReactNode, RefObject } from "react";
import type { ExerciseKind } from "@/lib/content/public-types";
import type { GradeResult, TestResult } from "@/sandbox/types";
import type { GradeMode } from "./lesson-actions";

const ERROR_TITLES: Record<NonNullable<GradeResult["error"]>["kind"], string> = {
  compile: "Your code did not compile",
  runtime: "Your code threw an error",
  timeout: "Time limit exceeded",
  memory: "Memory limit exceeded",
  output: "Too much console output",
  limit: "A limit was exceeded",
  internal: "The grader had a problem",
};

function verdict(
  result: GradeResult,
  mode: GradeMode,
  kind: ExerciseKind,
  stage: { index: number; count: number } | null,
): string {
  const total = result.tests.length;
  const failed = result.tests.filter((t) => t.status !== "pass").length;
  if (result.status === "error") return ERROR_TITLES[result.error?.kind ?? "internal"];
  if (result.status === "pass") {
    if (stage) {
      if (mode === "run")
        return `All ${total} example test${total === 1 ? "" : "s"} of stages 1-${stage.index} passed. Submit to run the hidden tests too.`;
      return stage.index === stage.count
        ? `Passed: all ${total} tests of every stage passed. Project complete.`
        : `Stage ${stage.index} passed: all ${total} tests, earlier stages included. Stage ${stage.index + 1} is unlocked.`;
    }
    if (mode === "run" && kind === "tests")
      return `Your ${total} test${total === 1 ? "" : "s"} pass on the correct code. Submit to check that they catch the bugs.`;
    if (mode === "run" && kind === "sql")
      return "Your SQL gives the expected result on the visible data. Submit to check it on the hidden data too.";
    return mode === "run"
      ? `All ${total} example test${total === 1 ? "" : "s"} passed. Submit to run the hidden tests too.`
      : `Passed: all ${total} test${total === 1 ? "" : "s"} passed, hidden ones included.`;
  }
  return `${failed} of ${total} test${total === 1 ? "" : "s"} failed`;
}

function StatusMark({ status }: { status: TestResult["status"] | GradeResult["status"] }) {
  const look = {
    pass: {
      icon: "✓",
      text: "Passed",
      cls: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100",
    },
    fail: { icon: "✗", text: "Failed", cls: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100" },
    error: {
      icon: "!",
      text: "Error",
      cls: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
    },
  }[status];
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ${look.cls}`}
    >
      <span aria-hidden="true">{look.icon}</span>
      {look.text}
    </span>
  );
}

// tabIndex 0: a long message scrolls sideways, and keyboard users must be able to scroll it too.
const pre =
  "mt-2 overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-100 p-2 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100";
const linkButton = "font-medium text-brand-700 underline dark:text-brand-300";

/** Each line of a test message with its side of the diff, if any. */
function classifyLines(message: string): { text: string; side: "expected" | "received" | null }[] {
  let inDiff = false;
  return message.split("\n").map((text) => {
    if (text === "- Expected" || text.startsWith("- Expected ")) inDiff = true;
    const expected = text.startsWith("Expected:") || (inDiff && /^-(\s|$)/.test(text));
    const received = text.startsWith("Received:") || (inDiff && /^\+(\s|$)/.test(text));
    return { text, side: expected ? "expected" : received ? "received" : null };
  });
}

const SIDE_CLASSES = {
  expected: "block bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  received: "block bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

/**
 * A test's message with the expected/received lines coloured, as test runners print them: "- "
 * lines of a diff and "Expected:" are what the test wanted, "+ " lines and "Received:" what the code
 * gave. The signs stay, so colour is never the only cue.
 */
export function MessageText({ message }: { message: string }) {
  return (
    <pre className={pre} tabIndex={0} data-testid="test-message">
      {classifyLines(message).map((line, i) => (
        <span
          key={i}
          className={line.side ? SIDE_CLASSES[line.side] : "block"}
          data-diff={line.side ?? undefined}
        >
          {line.text || "\u00a0"}
        </span>
      ))}
    </pre>
  );
}

const FRAME = /^\s+at (?:.*\()?([A-Za-z0-9_.-]+\.(?:ts|js|sql)):(\d+)(?::(\d+))?\)?$/;

/** Where a failed test points: the first stack frame in one of the learner's files, else in a visible test file. */
function locationOf(
  test: TestResult,
  learnerFiles: string[],
  visibleFiles: string[],
): { file: string; line: number; column?: number; learner: boolean } | null {
  if (!test.message) return null;
  let visible: { file: string; line: number; column?: number; learner: boolean } | null = null;
  for (const line of test.message.split("\n")) {
    const m = FRAME.exec(line);
    if (!m) continue;
    const at = { file: m[1]!, line: Number(m[2]), column: m[3] ? Number(m[3]) : undefined };
    if (learnerFiles.includes(at.file)) return { ...at, learner: true };
    if (!visible && visibleFiles.includes(at.file)) visible = { ...at, learner: false };
  }
  return visible;
}

function TestBody({
  test,
  learnerFiles,
  visibleFiles,
  onGoToLine,
}: {
  test: TestResult;
  learnerFiles: string[];
  visibleFiles: string[];
  onGoToLine(file: string | undefined, line: number, column?: number): void;
}) {
  const at = test.status === "pass" ? null : locationOf(test, learnerFiles, visibleFiles);
  return (
    <div className="mt-1 space-y-1">
      {test.description ? (
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="test-description">
          {test.description}
        </p>
      ) : null}
      {test.redacted && test.status !== "pass" ? (
        // Hidden tests never show inputs, expected or received values, or output: only what went wrong in words.
        <p className="text-sm" data-testid="test-summary">
          {test.message}
        </p>
      ) : test.message ? (
        <MessageText message={test.message} />
      ) : null}
      {test.thrown?.line ? (
        <p className="text-xs">
          <button
            type="button"
            className={linkButton}
            onClick={() => onGoToLine(undefined, test.thrown!.line!, test.thrown!.column)}
            data-testid="thrown-location"
          >
            Go to line {test.thrown.line}
          </button>{" "}
          of your code, where{" "}
          {test.thrown.type === "value" || test.thrown.type === "object"
            ? "the error"
            : `the ${test.thrown.type}`}{" "}
          was thrown.
        </p>
      ) : at ? (
        <p className="text-xs">
          <button
            type="button"
            className={linkButton}
            onClick={() => onGoToLine(at.file, at.line, at.column)}
            data-testid="failure-location"
          >
            {at.learner
              ? `Go to line ${at.line} of ${at.file}`
              : `Show the failing check: ${at.file}, line ${at.line}`}
          </button>
        </p>
      ) : null}
      {test.output ? (
        <details className="text-xs">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Console output</summary>
          <pre className={pre} tabIndex={0}>
            {test.output}
          </pre>
        </details>
      ) : null}
    </div>
  );
}

function TestTitle({ test }: { test: TestResult }) {
  return (
    <span className="inline-flex items-start gap-2">
      <StatusMark status={test.status} />
      <span className="text-sm">
        {test.name}
        {test.hidden ? (
          <span className="ml-2 rounded bg-slate-100 px-1 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
            hidden test
          </span>
        ) : null}
      </span>
    </span>
  );
}

/**
 * The outcome of a run or submission, what failed first: the verdict, the error if any, the failed
 * tests (the first one open) and then the passed ones folded behind their count.
 */
export function ResultsPanel({
  result,
  mode,
  kind,
  stage = null,
  multiFile = false,
  headingRef,
  learnerFiles = [],
  visibleFiles = [],
  afterPass = null,
  onGoToLine,
}: {
  result: GradeResult;
  mode: GradeMode;
  kind: ExerciseKind;
  /** Projects: the stage graded, of how many. */
  stage?: { index: number; count: number } | null;
  /** Several learner files: locations name their file. */
  multiFile?: boolean;
  /** The verdict heading, focusable (focus moves there after grading on small screens). */
  headingRef?: RefObject<HTMLElement | null>;
  /** Learner file names and visible (read-only) file names, to link a failure to its line. */
  learnerFiles?: string[];
  visibleFiles?: string[];
  /** Shown under the verdict after a pass (next lesson, celebration). */
  afterPass?: ReactNode;
  onGoToLine(file: string | undefined, line: number, column?: number): void;
}) {
  const error = result.error;
  const failed = result.tests.filter((t) => t.status !== "pass");
  const passed = result.tests.filter((t) => t.status === "pass");
  return (
    <div className="space-y-3" data-testid="results" data-status={result.status}>
      <h3
        id="results-heading"
        ref={headingRef as RefObject<HTMLHeadingElement | null>}
        tabIndex={-1}
        className="flex items-center gap-2 font-semibold outline-none"
        data-testid="verdict"
      >
        <StatusMark status={result.status} />
        <span>{verdict(result, mode, kind, stage)}</span>
      </h3>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {mode === "run" ? "Run: example tests only." : "Submission: all tests, hidden ones included."} Graded
        in {Math.round(result.durationMs)} ms.
      </p>
      {afterPass}
      {error ? (
        <div
          className="rounded-md border border-amber-300 p-3 dark:border-amber-700"
          data-testid="grade-error"
          data-kind={error.kind}
        >
          <pre className={pre} tabIndex={0}>
            {error.message}
          </pre>
          {error.line ? (
            <p className="mt-2 text-sm">
              At{" "}
              <button
                type="button"
                className={linkButton}
                onClick={() => onGoToLine(error.file, error.line!, error.column)}
                data-testid="error-location"
              >
                line {error.line}
                {error.column ? `, column ${error.column}` : ""}
                {multiFile && error.file ? ` of ${error.file}` : ""}
              </button>
              {multiFile && error.file ? "." : " of your code."}
            </p>
          ) : null}
        </div>
      ) : null}
      {failed.some((t) => t.redacted) ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="disclosure-note">
          Hidden tests say what they check and what went wrong, never their inputs, expected values or your
          console output.
        </p>
      ) : null}
      {failed.length > 0 ? (
        <section aria-label={`Failed tests (${failed.length})`}>
          {failed.some((t) => t.message && !t.redacted && /^(- Expected|Expected:)/m.test(t.message)) ? (
            <p className="mb-1 text-xs text-slate-600 dark:text-slate-400" data-testid="diff-legend">
              <span className="rounded bg-emerald-100 px-1 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
                - Expected
              </span>
              : what the test wants;{" "}
              <span className="rounded bg-red-100 px-1 text-red-900 dark:bg-red-950 dark:text-red-200">
                + Received
              </span>
              : what your code gave.
            </p>
          ) : null}
          <ul className="space-y-2">
            {failed.map((test, index) => (
              <li
                key={index}
                className="rounded-md border border-red-200 dark:border-red-900"
                data-testid="test-result"
                data-status={test.status}
              >
                <details open={index === 0} className="group p-2">
                  <summary className="cursor-pointer list-none [&::-webkit-details-marker]:hidden">
                    <span
                      aria-hidden="true"
                      className="mr-1 inline-block text-xs text-slate-500 transition-transform group-open:rotate-90 dark:text-slate-400"
                    >
                      ▶
                    </span>
                    <TestTitle test={test} />
                  </summary>
                  <TestBody
                    test={test}
                    learnerFiles={learnerFiles}
                    visibleFiles={visibleFiles}
                    onGoToLine={onGoToLine}
                  />
                </details>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {passed.length > 0 ? (
        <details
          className="rounded-md border border-slate-200 p-2 dark:border-slate-700"
          open={failed.length === 0 && passed.length <= 5}
          data-testid="passed-tests"
        >
          <summary className="cursor-pointer text-sm font-medium text-emerald-800 dark:text-emerald-300">
            {passed.length} test{passed.length === 1 ? "" : "s"} passed
          </summary>
          <ul className="mt-2 space-y-1">
            {passed.map((test, index) => (
              <li key={index} data-testid="test-result" data-status="pass">
                <TestTitle test={test} />
                {test.description ? (
                  <p className="ml-16 text-xs text-slate-600 dark:text-slate-400">{test.description}</p>
                ) : null}
                {test.output ? (
                  <details className="ml-16 text-xs">
                    <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
                      Console output
                    </summary>
                    <pre className={pre} tabIndex={0}>
                      {test.output}
                    </pre>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {result.output ? (
        <div>
          <h4 className="text-sm font-medium">Console output outside tests</h4>
          <pre className={pre} tabIndex={0} data-testid="console-output">
            {result.output}
          </pre>
        </div>
      ) : null}
    </div>
  );
}

/** After a passing submission: the next lesson, a short celebration, and for a visitor, that nothing was recorded. */
export function PassActions(props: {
  nextLesson: { title: string; href: string } | null;
  signedIn: boolean;
  signInHref: string;
  signUpHref: string;
}) {
  return (
    <div
      className="ws-celebrate space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950"
      data-testid="pass-actions"
    >
      <p className="font-semibold text-emerald-900 dark:text-emerald-100">
        <span aria-hidden="true" className="ws-celebrate-mark mr-1 inline-block">
          🎉
        </span>
        Well done: every test passed.
      </p>
      {!props.signedIn ? (
        <p className="text-sm text-emerald-900 dark:text-emerald-100" data-testid="visitor-pass-note">
          This pass is not recorded: you are not signed in. To keep it,{" "}
          <Link href={props.signInHref} className="font-medium underline">
            sign in
          </Link>{" "}
          or{" "}
          <Link href={props.signUpHref} className="font-medium underline">
            create a free account
          </Link>{" "}
          and submit again: your code stays in this browser.
        </p>
      ) : null}
      {props.nextLesson ? (
        <Link
          href={props.nextLesson.href}
          className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          data-testid="pass-next-lesson"
        >
          Next lesson: {props.nextLesson.title}
          <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <p className="text-sm text-emerald-900 dark:text-emerald-100">
          That was the last lesson.{" "}
          <Link href="/learn" className="font-medium underline">
            Back to the catalog
          </Link>
        </p>
      )}
    </div>
  );
}
