/**
 * The disclosure policy (sandbox/README.md, "Disclosure"): what of a GradeResult a learner may see.
 * Results are stored and shown to instructors and the author CLI in full; every path that hands a
 * result to a learner (the lesson page, the grading API, submission history) passes it through
 * toLearnerView first.
 *
 * - Visible tests, and hidden tests whose author marked them `test.reveal`, are shown in full.
 * - Other hidden tests show their name, description, status, the built-in class of what was thrown
 *   and the learner's line; never a message (inputs, expected or received values, the text of an
 *   error learner code threw) or their console output. `summary` takes the message's place.
 * - Mutation jobs list surviving mutants only; caught ones are counted, not described.
 * - A run-level error whose message may carry hidden values is replaced by its summary.
 */
import type { GradeResult, TestResult } from "./types.ts";

const MUTANT_PREFIX = "catches mutant: ";

function isMutant(test: TestResult): boolean {
  // Results stored before the `mutant` flag existed are recognised by their name.
  return test.mutant === true || test.name.startsWith(MUTANT_PREFIX);
}

function fallbackSummary(test: TestResult): string {
  return test.status === "fail"
    ? "Your code's result is not what this test expects."
    : "The test stopped with an error.";
}

function concealTest(test: TestResult): TestResult {
  const view: TestResult = {
    name: test.name,
    status: test.status,
    durationMs: test.durationMs,
    hidden: true,
    redacted: true,
  };
  if (test.description) view.description = test.description;
  if (test.status !== "pass") view.message = test.summary ?? fallbackSummary(test);
  if (test.thrown) {
    const { type, subclass, file, line, column } = test.thrown;
    view.thrown = {
      type,
      ...(subclass ? { subclass } : {}),
      ...(file ? { file } : {}),
      ...(line ? { line } : {}),
      ...(column ? { column } : {}),
    };
  }
  return view;
}

/** The learner's view of a result. Pure; the input is not changed. */
export function toLearnerView(result: GradeResult): GradeResult {
  const tests: TestResult[] = [];
  let caught = 0;
  let mutants = 0;
  let caughtMs = 0;
  let caughtAt = -1;
  for (const test of result.tests) {
    if (isMutant(test)) {
      mutants++;
      if (test.status === "pass") {
        caught++;
        caughtMs += test.durationMs;
        if (caughtAt < 0) caughtAt = tests.length;
        continue;
      }
      tests.push({ ...test, mutant: true });
      continue;
    }
    if (test.hidden && !test.reveal) {
      tests.push(concealTest(test));
      continue;
    }
    const { summary: _summary, ...shown } = test;
    tests.push(shown);
  }
  if (caught > 0) {
    tests.splice(caughtAt, 0, {
      name:
        caught === mutants
          ? `catches all ${mutants} buggy versions`
          : `catches ${caught} of ${mutants} buggy versions (the ones listed below survived)`,
      status: "pass",
      durationMs: caughtMs,
      mutant: true,
    });
  }
  const { seed: _seed, error, ...rest } = result;
  const view: GradeResult = { ...rest, tests };
  if (error) {
    const { summary, ...shownError } = error;
    view.error = summary === undefined ? shownError : { ...shownError, message: summary };
  }
  return view;
}

// While a run grades (run-code.ts): which hidden tests are concealed, and the summaries that take
// the place of their messages.

/** Shown to learners when a hidden test file failed to load (its message may carry its values). */
export const HIDDEN_LOAD_SUMMARY =
  "A hidden test file could not load with your code (it uses what your module exports at load time).";
/** A test whose promise never settles (no timer left to fire). */
export const NEVER_FINISHED =
  "The test never finished: it awaits something that never resolves (a promise that is never settled, or a callback that is never called).";

/** A test as the harness declares it. */
export type Declared = { name: string; hidden: boolean; reveal?: boolean; description?: string };

/** A hidden test whose values the learner must not see (sandbox/README.md, "Disclosure"). */
export function isConcealed(declared: Declared): boolean {
  return declared.hidden && declared.reveal !== true;
}

/** The declared facts a result shows (hidden, reveal, description). */
export function declaredFacts(declared: Declared): Partial<TestResult> {
  return {
    ...(declared.hidden ? { hidden: true } : {}),
    ...(declared.hidden && declared.reveal ? { reveal: true } : {}),
    ...(declared.description ? { description: declared.description } : {}),
  };
}

/**
 * What a learner may be told about a concealed hidden test that did not pass: no input, expected or
 * received value, no output, no text the learner's code wrote (error messages, class names).
 */
export function concealedSummary(test: TestResult, rawMessage: string): string {
  if (rawMessage.startsWith("The test never finished")) return NEVER_FINISHED;
  if (test.status === "fail") return "Your code's result is not what this test expects.";
  const thrown = test.thrown;
  if (!thrown) return "The test stopped with an error.";
  const what =
    thrown.type === "value"
      ? "a value that is not an Error"
      : thrown.type === "object"
        ? "an object that is not an Error"
        : `${/^[AEIOU]/.test(thrown.type) ? "an" : "a"} ${thrown.type}${thrown.subclass ? " (a class of your own)" : ""}`;
  const solution = !thrown.file || /^solution\.(ts|js)$/.test(thrown.file);
  if (thrown.line)
    return `Your code threw ${what} at line ${thrown.line}${solution ? "" : ` of ${thrown.file}`}.`;
  return `The test stopped with ${what}, not thrown by a line of your code (for example, your result could not be used as the test expects).`;
}
