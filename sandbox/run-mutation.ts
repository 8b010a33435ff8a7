/**
 * MutationJob: the learner's tests must pass on the correct module and fail on every mutant.
 * Each module runs in its own fresh context; the learner's test file is the learner's code here.
 */
import { createHash } from "node:crypto";
import { runCode } from "./run-code.ts";
import type { IsolateFactory } from "./isolate-factory.ts";
import type { RunFacts, RunSpec } from "./run-code.ts";
import { RESULT_VERSION } from "./types.ts";
import type { GradeResult, Limits, MutationJob, TestResult } from "./types.ts";

function specFor(job: MutationJob, subject: Pick<Subject, "source" | "modules">, limits: Limits): RunSpec {
  const ext = job.language;
  const modules = { ...job.modules, ...subject.modules };
  return {
    language: job.language,
    limits,
    files: [
      // guardSource: otherwise a "test" comparing String(fn) with the correct module's text (which
      // the learner can see), or the line of a frame in it (a mutant that deletes a line moves the
      // rest), fails on mutants and kills them without testing behaviour. The same for every file
      // of a module in several files.
      {
        name: `solution.${ext}`,
        kind: "solution",
        source: subject.source,
        learner: false,
        guardSource: true,
      },
      ...Object.entries(modules).map(([specifier, source]) => ({
        name: `${specifier.slice(2)}.${ext}`,
        kind: "module" as const,
        source,
        learner: false,
        guardSource: true,
      })),
      { name: `your.test.${ext}`, kind: "test", source: job.tests, learner: true },
    ],
  };
}

/** Characters of the failures listed in "your tests pass on the correct code" (several tests' worth). */
const MAX_SUMMARY = 16 * 1024;

function summarize(result: GradeResult): string {
  if (result.status === "error" && result.error) return `${result.error.kind} error: ${result.error.message}`;
  const failing = result.tests.filter((t) => t.status !== "pass");
  const text = failing
    .map(
      (t) =>
        `✗ ${t.name}${
          t.message
            ? `\n${t.message
                .split("\n")
                .map((l) => `    ${l}`)
                .join("\n")}`
            : ""
        }`,
    )
    .join("\n\n");
  // Why: 200 failing tests with 8 kB messages each made a multi-megabyte result.
  return text.length > MAX_SUMMARY
    ? `${text.slice(0, MAX_SUMMARY)}\n… (${failing.length} failing tests in all)`
    : text;
}

/**
 * A timeout on a mutant counts as catching it only when the correct module needed this many times
 * less than the limit that ran out. Why: timing is not behaviour, and V8's tiering varies a lot
 * between runs (the same 1e9-iteration loop took 0.33 s or more than 3 s in the worker's shared
 * isolate), so a slow test, or one that leaves the next run little of the job's shared budget,
 * "caught" mutants by timing out on them while passing on the correct module. The correct module's
 * side is its CPU time, not wall time: on a loaded machine a trivial test waited 260 ms for a core,
 * and a mutant looping forever was then not caught.
 */
const TIMING_MARGIN = 16;

/** Whether a mutant's result shows that the learner's tests noticed the bug. */
function caughtMutant(
  result: GradeResult,
  facts: RunFacts,
  correct: GradeResult,
  correctFacts: RunFacts,
  budgetMs: number,
  testTimeoutMs: number,
): { caught: boolean; onlyTimedOut: boolean } {
  const caught = { caught: true, onlyTimedOut: false };
  if (result.status === "pass" || (result.status === "error" && result.error?.kind === "internal"))
    return { caught: false, onlyTimedOut: false };
  const correctMs = new Map<string, number>();
  for (const [index, t] of correct.tests.entries())
    if (!correctMs.has(t.name)) correctMs.set(t.name, correctFacts.cpuMs.get(index) ?? t.durationMs);
  let timedOut = false;
  for (const [index, t] of result.tests.entries()) {
    if (t.status === "pass") continue;
    // The host's own record of which tests ran out of time, never the message (learner-chosen text).
    if (facts.timedOut.has(index)) {
      const ms = correctMs.get(t.name);
      if (ms !== undefined && ms * TIMING_MARGIN <= testTimeoutMs) return caught;
      timedOut = true;
      continue;
    }
    return caught;
  }
  if (result.status === "error" && result.error?.kind === "timeout") {
    const cpu = [...correctFacts.cpuMs.values()];
    const correctWork =
      cpu.length === correct.tests.length ? cpu.reduce((a, b) => a + b, 0) : correct.durationMs;
    const quick = correctWork * TIMING_MARGIN <= budgetMs;
    return { caught: quick, onlyTimedOut: !quick };
  }
  if (result.status === "error") return caught;
  return { caught: false, onlyTimedOut: timedOut };
}

/** A deterministic shuffle: the same job always runs in the same order (verdicts are reproducible). */
export function seededOrder(n: number, seedText: string): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let block = createHash("sha256").update(seedText).digest();
  let used = 0;
  const next32 = () => {
    if (used + 4 > block.length) {
      block = createHash("sha256").update(block).digest();
      used = 0;
    }
    const v = block.readUInt32LE(used);
    used += 4;
    return v;
  };
  for (let i = n - 1; i > 0; i--) {
    const j = next32() % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

type Subject = (
  { kind: "correct" } | { kind: "equivalent"; name: string } | { kind: "mutant"; index: number }
) & { source: string; modules?: Record<string, string> };

/** How the test for an equivalent is named (lib/content/check-lessons.ts recognizes it). */
export const EQUIVALENT_PREFIX = "your tests pass on another correct implementation: ";

/**
 * Grades a MutationJob. The whole job shares one time budget. The correct module, every equivalent
 * and every mutant each run in a fresh context, in a seeded shuffled order. Why: when the correct
 * module always ran first, a test suite could tell it apart by timing (it was the cold, slow run)
 * instead of by behaviour; equivalents (other correct code) fail suites that recognize the module's
 * text, timing or the calls it makes on a duck-typed argument.
 */
export function runMutation(job: MutationJob, limits: Limits, factory: IsolateFactory): GradeResult {
  const started = performance.now();
  const deadline = started + limits.timeoutMs;
  const left = () => Math.max(1, Math.floor(deadline - performance.now()));
  const equivalents = job.equivalents ?? [];
  const subjects: Subject[] = [
    { kind: "correct", source: job.module },
    ...equivalents.map<Subject>((e) => ({
      kind: "equivalent",
      name: e.name,
      source: e.source,
      modules: e.modules,
    })),
    ...job.mutants.map<Subject>((m, index) => ({
      kind: "mutant",
      index,
      source: m.source,
      modules: m.modules,
    })),
  ];
  const text = (s: Subject) => [s.source, ...Object.entries(s.modules ?? {}).flat()].join("\0");
  const seed = [job.tests, ...Object.entries(job.modules ?? {}).flat(), ...subjects.map(text)].join("\0");
  const results: (GradeResult | undefined)[] = subjects.map(() => undefined);
  const facts: RunFacts[] = subjects.map(() => ({
    timedOut: new Set<number>(),
    cpuMs: new Map<number, number>(),
  }));
  const budgets: number[] = subjects.map(() => 0);
  // Half the job's budget is kept for the correct module until it has run: in a shuffled order,
  // slow runs before it (a mutant looping until its timeout) must not leave it without time, since
  // its result decides the job. The other runs share what is left, as before.
  const reserveMs = Math.floor(limits.timeoutMs / 2);
  let correctRan = false;
  for (const k of seededOrder(subjects.length, seed)) {
    if (performance.now() >= deadline) break;
    const isCorrect = subjects[k]!.kind === "correct";
    const budgetMs = Math.max(1, left() - (isCorrect || correctRan ? 0 : reserveMs));
    if (isCorrect) correctRan = true;
    budgets[k] = budgetMs;
    const result = runCode(
      specFor(job, subjects[k]!, {
        ...limits,
        timeoutMs: budgetMs,
        testTimeoutMs: Math.min(limits.testTimeoutMs, budgetMs),
      }),
      factory,
      facts[k],
    );
    results[k] = result;
    // The learner's test file does not compile: every other run would say the same.
    if (result.status === "error" && result.error?.kind === "compile") {
      return {
        version: RESULT_VERSION,
        status: "error",
        tests: result.tests,
        error: result.error,
        durationMs: Math.round(performance.now() - started),
      };
    }
  }
  const notRun = (): GradeResult => ({
    version: RESULT_VERSION,
    status: "error",
    tests: [],
    error: {
      kind: "timeout",
      message: `Not run: the time limit (${limits.timeoutMs} ms) for the whole job ran out.`,
    },
    durationMs: 0,
  });
  const correct = results[0] ?? notRun();
  const tests: TestResult[] = [];

  // Run errors of the learner's tests on the correct module (other than running out of time) are the job's error.
  if (correct.status === "error" && correct.error && correct.error.kind !== "timeout") {
    return {
      version: RESULT_VERSION,
      status: "error",
      tests: correct.tests,
      error: correct.error,
      ...(correct.output ? { output: correct.output } : {}),
      durationMs: Math.round(performance.now() - started),
    };
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

  subjects.forEach((subject, k) => {
    if (subject.kind !== "equivalent") return;
    const result = results[k];
    const name = `${EQUIVALENT_PREFIX}${subject.name}`;
    if (!result) {
      tests.push({
        name,
        status: "error",
        message: `Not run: the time limit (${limits.timeoutMs} ms) for the whole job ran out.`,
        durationMs: 0,
      });
      return;
    }
    const passed = result.status === "pass" && result.tests.length > 0;
    tests.push({
      name,
      status: passed ? "pass" : "fail",
      durationMs: result.durationMs,
      ...(passed
        ? {}
        : {
            message: `Your tests fail on another correct implementation: different code with exactly the same behaviour. Tests must check what the code returns or does, not how it is written, how long it takes or which calls it makes on its arguments.\n\n${summarize(result)}`,
          }),
    });
  });

  subjects.forEach((subject, k) => {
    if (subject.kind !== "mutant") return;
    const mutant = job.mutants[subject.index];
    const result = results[k];
    if (!result) {
      tests.push({
        name: `catches mutant: ${mutant.description}`,
        status: "error",
        message: `Not run: the time limit (${limits.timeoutMs} ms) for the whole job ran out.`,
        durationMs: 0,
        mutant: true,
      });
      return;
    }
    const budgetMs = budgets[k];
    const testTimeoutMs = Math.min(limits.testTimeoutMs, budgetMs);
    // A mutant is caught when some test fails or errors; a timeout only when the correct module was
    // far quicker (see TIMING_MARGIN).
    const { caught, onlyTimedOut } = caughtMutant(
      result,
      facts[k],
      correct,
      facts[0]!,
      budgetMs,
      testTimeoutMs,
    );
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
  });
  const status = tests.every((t) => t.status === "pass") ? "pass" : "fail";
  return {
    version: RESULT_VERSION,
    status,
    tests,
    ...(correct.output ? { output: correct.output } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}
