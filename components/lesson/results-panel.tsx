"use client";

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

const pre =
  "mt-2 overflow-x-auto whitespace-pre-wrap break-words rounded bg-slate-100 p-2 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100";

/** The outcome of a run or submission: verdict, each test with its message and output, errors with their line. */
export function ResultsPanel({
  result,
  mode,
  kind,
  stage = null,
  multiFile = false,
  onGoToLine,
}: {
  result: GradeResult;
  mode: GradeMode;
  kind: ExerciseKind;
  /** Projects: the stage graded, of how many. */
  stage?: { index: number; count: number } | null;
  /** Several learner files: locations name their file. */
  multiFile?: boolean;
  onGoToLine(file: string | undefined, line: number, column?: number): void;
}) {
  const error = result.error;
  return (
    <div className="space-y-3" data-testid="results" data-status={result.status}>
      <h3 className="flex items-center gap-2 font-semibold" data-testid="verdict">
        <StatusMark status={result.status} />
        <span>{verdict(result, mode, kind, stage)}</span>
      </h3>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {mode === "run" ? "Run: example tests only." : "Submission: all tests, hidden ones included."} Graded
        in {Math.round(result.durationMs)} ms.
      </p>
      {error ? (
        <div
          className="rounded-md border border-amber-300 p-3 dark:border-amber-700"
          data-testid="grade-error"
          data-kind={error.kind}
        >
          <pre className={pre}>{error.message}</pre>
          {error.line ? (
            <p className="mt-2 text-sm">
              At{" "}
              <button
                type="button"
                className="font-medium text-brand-700 underline dark:text-brand-100"
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
      {result.tests.some((t) => t.redacted && t.status !== "pass") ? (
        <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="disclosure-note">
          Hidden tests say what they check and what went wrong, never their inputs, expected values or your
          console output.
        </p>
      ) : null}
      {result.tests.length > 0 ? (
        <ul className="space-y-2" aria-label="Tests">
          {result.tests.map((test, index) => (
            <li
              key={index}
              className="rounded-md border border-slate-200 p-2 dark:border-slate-700"
              data-testid="test-result"
              data-status={test.status}
            >
              <div className="flex items-start gap-2">
                <StatusMark status={test.status} />
                <span className="text-sm">
                  {test.name}
                  {test.hidden ? (
                    <span className="ml-2 rounded bg-slate-100 px-1 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                      hidden test
                    </span>
                  ) : null}
                </span>
              </div>
              {test.description ? (
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-300" data-testid="test-description">
                  {test.description}
                </p>
              ) : null}
              {test.redacted && test.status !== "pass" ? (
                // Hidden tests never show inputs, expected or received values, or output: only what went wrong in words.
                <p className="mt-2 text-sm" data-testid="test-summary">
                  {test.message}
                </p>
              ) : test.message ? (
                <pre className={pre}>{test.message}</pre>
              ) : null}
              {test.thrown?.line ? (
                <p className="mt-1 text-xs">
                  <button
                    type="button"
                    className="font-medium text-brand-700 underline dark:text-brand-100"
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
              ) : null}
              {test.output ? (
                <details className="mt-1 text-xs">
                  <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
                    Console output
                  </summary>
                  <pre className={pre}>{test.output}</pre>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {result.output ? (
        <div>
          <h4 className="text-sm font-medium">Console output outside tests</h4>
          <pre className={pre} data-testid="console-output">
            {result.output}
          </pre>
        </div>
      ) : null}
    </div>
  );
}
