/**
 * MutationJob: the learner's tests must pass on the correct module and fail on every mutant.
 * Each module runs in its own fresh isolate; the learner's test file is the learner's code here.
 */
import { runCode, TIMED_OUT_PREFIX } from "./run-code.ts";
import type { IsolateFactory, RunSpec } from "./run-code.ts";
import { RESULT_VERSION } from "./types.ts";
import type { GradeResult, Limits, MutationJob, TestResult } from "./types.ts";

function specFor(job: MutationJob, moduleSource: string, limits: Limits): RunSpec {
  const ext = job.language;
  return {
    language: job.language,
    limits,
    files: [
      // guardSource: otherwise a "test" comparing String(fn) with the correct module's text (which
      // the learner can see), or the line of a frame in it (a mutant that deletes a line moves the
      // rest), fails on mutants and kills them without testing behaviour.
      { name: `solution.${ext}`, kind: "solution", source: moduleSource, learner: false, guardSource: true },
      { name: `your.test.${ext}`, kind: "test", source: job.tests, learner: true },
    ],
  };
}

/** Characters of the failures listed in "your tests pass on the correct code" (several tests' worth). */
const MAX_SUMMARY = 16 * 1024;

function summarize(result: GradeResult): string {
  if (result.status === "error" && result.error) return `${result.error.kind} error: ${result.error.message}`;
  const failing = result.tests.filter((t) => t.status !== "pass");
  const text = failing.map((t) => `✗ ${t.name}${t.message ? `\n${t.message.split("\n").map((l) => `    ${l}`).join("\n")}` : ""}`).join("\n\n");
  // Why: 200 failing tests with 8 kB messages each made a multi-megabyte result.
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY)}\n… (${failing.length} failing tests in all)` : text;
}

/**
 * A timeout on a mutant counts as catching it only when the correct module ran this many times
 * faster. Why: timing is not behaviour, and V8's tiering varies a lot between runs (the same
 * 1e9-iteration loop took 0.33 s or more than 3 s in the worker's shared isolate), so a slow test,
 * or one that leaves the next run little of the job's shared budget, "caught" mutants by timing out
 * on them while passing on the correct module.
 */
const TIMING_MARGIN = 16;

/** Whether a mutant's result shows that the learner's tests noticed the bug. */
function caughtMutant(result: GradeResult, correct: GradeResult, budgetMs: number, testTimeoutMs: number): { caught: boolean; onlyTimedOut: boolean } {
  const caught = { caught: true, onlyTimedOut: false };
  if (result.status === "pass" || (result.status === "error" && result.error?.kind === "internal")) return { caught: false, onlyTimedOut: false };
  const correctMs = new Map<string, number>();
  for (const t of correct.tests) if (!correctMs.has(t.name)) correctMs.set(t.name, t.durationMs);
  let timedOut = false;
  for (const t of result.tests) {
    if (t.status === "pass") continue;
    if (t.status === "error" && t.message?.startsWith(TIMED_OUT_PREFIX)) {
      const ms = correctMs.get(t.name);
      if (ms !== undefined && ms * TIMING_MARGIN <= testTimeoutMs) return caught;
      timedOut = true;
      continue;
    }
    return caught;
  }
  if (result.status === "error" && result.error?.kind === "timeout") {
    const quick = correct.durationMs * TIMING_MARGIN <= budgetMs;
    return { caught: quick, onlyTimedOut: !quick };
  }
  if (result.status === "error") return caught;
  return { caught: false, onlyTimedOut: timedOut };
}

/** Grades a MutationJob. The whole job shares one time budget; each module gets a fresh isolate. */
export function runMutation(job: MutationJob, limits: Limits, factory: IsolateFactory): GradeResult {
  const started = performance.now();
  const deadline = started + limits.timeoutMs;
  const left = () => Math.max(1, Math.floor(deadline - performance.now()));
  const tests: TestResult[] = [];

  const correct = runCode(specFor(job, job.module, { ...limits, timeoutMs: left(), testTimeoutMs: Math.min(limits.testTimeoutMs, left()) }), factory);
  // Compile errors and other run errors in the learner's tests are reported as the job's error.
  if (correct.status === "error" && correct.error && correct.error.kind !== "timeout") {
    return { version: RESULT_VERSION, status: "error", tests: correct.tests, error: correct.error, ...(correct.output ? { output: correct.output } : {}), durationMs: Math.round(performance.now() - started) };
  }
  const passedCorrect = correct.status === "pass" && correct.tests.length > 0;
  tests.push({
    name: "your tests pass on the correct code",
    status: passedCorrect ? "pass" : "fail",
    durationMs: correct.durationMs,
    ...(passedCorrect
      ? {}
      : {
          message:
            correct.tests.length === 0 && correct.status !== "error"
              ? "Your test file declares no tests: write at least one test(...)."
              : `Your tests must pass on the correct implementation, but:\n\n${summarize(correct)}`,
        }),
  });

  for (const mutant of job.mutants) {
    if (performance.now() >= deadline) {
      tests.push({ name: `catches mutant: ${mutant.description}`, status: "error", message: `Not run: the time limit (${limits.timeoutMs} ms) for the whole job ran out.`, durationMs: 0, mutant: true });
      continue;
    }
    const budgetMs = left();
    const testTimeoutMs = Math.min(limits.testTimeoutMs, budgetMs);
    const result = runCode(specFor(job, mutant.source, { ...limits, timeoutMs: budgetMs, testTimeoutMs }), factory);
    // A mutant is caught when some test fails or errors; a timeout only when the correct module was
    // far quicker (see TIMING_MARGIN).
    const { caught, onlyTimedOut } = caughtMutant(result, correct, budgetMs, testTimeoutMs);
    tests.push({
      name: `catches mutant: ${mutant.description}`,
      status: caught ? "pass" : result.status === "error" && !onlyTimedOut ? "error" : "fail",
      durationMs: result.durationMs,
      mutant: true,
      ...(caught
        ? {}
        : {
            message: onlyTimedOut
              ? `Your tests ran out of time on code where ${mutant.description}, but they are slow on the correct code too (${correct.durationMs} ms), so the timeout says nothing about the bug. Make the tests quick and check this behaviour.`
              : result.status === "error"
                ? `Could not run your tests against this mutant: ${result.error?.message ?? "unknown error"}`
                : `A buggy version survived: all your tests pass on code where ${mutant.description}. Add a test that checks this behaviour.`,
          }),
    });
  }
  const status = tests.every((t) => t.status === "pass") ? "pass" : "fail";
  return { version: RESULT_VERSION, status, tests, ...(correct.output ? { output: correct.output } : {}), durationMs: Math.round(performance.now() - started) };
}
