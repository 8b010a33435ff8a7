/**
 * Runs one set of modules and test files in a fresh isolate and turns what happened into a
 * GradeResult. Runs inside a grader worker process (never in the web server).
 *
 * The host (this file) drives the run: it compiles each module, asks the in-isolate harness to load
 * the test files, then starts each test and, while the test's promise is pending after microtasks
 * drained, fires the next virtual timer. Every call into the isolate carries the time left for the
 * test and the run. The harness only reports per-test facts as JSON text; this side validates
 * them with zod and decides the verdict.
 */
import type ivm from "isolated-vm";
import { allowRealClock, setActiveHost } from "./bridge.ts";
import type { HostHandler } from "./bridge.ts";
import {
  concealedSummary,
  declaredFacts,
  HIDDEN_LOAD_SUMMARY,
  isConcealed,
  NEVER_FINISHED,
} from "./disclosure.ts";
import type { Declared } from "./disclosure.ts";
import type { IsolateFactory, Prepared } from "./isolate-factory.ts";
import { IsolateFailure, isolateFailure } from "./isolate-failure.ts";
import { loadReportSchema, testReportSchema } from "./schema.ts";
import type { LoadReport, TestReport } from "./schema.ts";
import { StackRewriter } from "./stack.ts";
import type { SourceFile } from "./stack.ts";
import { transpileCached, transpileModule } from "./transpile.ts";
import { RESULT_VERSION } from "./types.ts";
import type { ErrorKind, GradeResult, Language, Limits, TestResult } from "./types.ts";

/**
 * reference: the exercise's reference solution, importable only by hidden test files (as
 * "./reference"); library: a bundled library test files import by bare name ("fast-check").
 */
export type FileKind = "solution" | "module" | "test" | "hidden" | "reference" | "library";

export interface RunFile {
  /** File name as shown in messages: "solution.ts", "db.ts", "example.test.ts". */
  name: string;
  kind: FileKind;
  source: string;
  /** Written by the learner (compile errors and stack frames point into it with mapped columns). */
  learner: boolean;
  /**
   * Stack frames in it show only the file name, as for hidden files (the module under test in a
   * mutation job). Function.prototype.toString masks every function's source anyway.
   */
  guardSource?: boolean;
}

export interface RunSpec {
  language: Language;
  files: RunFile[];
  limits: Limits;
  /** Seeds what test files generate (fast-check); the same seed replays the same inputs. */
  seed?: number;
  /** The run's end of the host bridge (a database session), told when each test starts. */
  host?: HostHandler;
}

const MAX_MESSAGE = 8 * 1024;
/** How the message of a test that ran out of time starts. */
export const TIMED_OUT_PREFIX = "Timed out: ";
/**
 * Characters of a test's name kept in the result. Why: in a mutation job the learner names tests;
 * 200 tests named with 100 kB strings turned a 150-byte test file into a 21 MB result.
 */
const MAX_TEST_NAME = 500;
/** Host-side slack past the run deadline for the host bridge (a database session) to finish its calls. */
const HARNESS_GRACE_MS = 200;
const MIN_CALL_TIMEOUT_MS = 50;
/** Timeout of calls that run only harness code (reports, configuration): one constant value. */
const HARNESS_CALL_MS = 1000;
/**
 * Host calls ("step": fire the next virtual timer, drain microtasks) a test may take while its
 * promise is pending. A test that awaits real work across timers needs one per timer (a loop of
 * 1000 awaited sleeps takes 1000); more than this is a timer spinning beside a promise that never
 * settles.
 */
export const MAX_STEPS_PER_TEST = 10_000;

/** A failure that ends the whole run with an "error" result. */
class RunError extends Error {
  readonly kind: ErrorKind;
  readonly line?: number;
  readonly column?: number;
  constructor(kind: ErrorKind, message: string, line?: number, column?: number) {
    super(message);
    this.kind = kind;
    this.line = line;
    this.column = column;
  }
}

function cap(text: string, max = MAX_MESSAGE): string {
  return text.length > max ? `${text.slice(0, max)}\n… (truncated)` : text;
}

function wrapperPrefix(kind: FileKind): string {
  // Test files get the test API as parameters of their module function, never as globals, so
  // learner code cannot shadow describe/test/expect. Everything runs as strict code, like ES modules.
  const params =
    kind === "test" || kind === "hidden"
      ? "exports, require, module, describe, test, it, expect, beforeEach, afterEach, clock"
      : "exports, require, module";
  return `(function (${params}) {"use strict";`;
}

/** What the host itself recorded about a run, beyond the result (for run-mutation.ts). */
export interface RunFacts {
  /** Indexes (in result.tests) of the tests the host stopped because they ran out of time: its own record, not message text. */
  timedOut: Set<number>;
  /**
   * CPU time (ms) the isolate spent in each test, by index in result.tests. Why: wall time on a
   * loaded machine is mostly waiting for a core (a trivial test took 260 ms at load 40), so only
   * CPU time says how much work a test needed.
   */
  cpuMs: Map<number, number>;
}

/**
 * Runs the files in a fresh isolate and grades the tests they declare. Never throws.
 *
 * 1. transpile every file (compileFiles); 2. compile each as a module function in the context
 * (defineModules); 3. load the test files, which runs the learner's module top level (loadTests);
 * 4. run each test (runTest).
 */
export function runCode(spec: RunSpec, factory: IsolateFactory, facts?: RunFacts): GradeResult {
  const outcome = new RunOutcome();
  const { limits } = spec;
  const deadline = outcome.started + limits.timeoutMs;

  const compiled = compileFiles(spec, outcome);
  if (!Array.isArray(compiled)) return compiled;
  const rewriter = new StackRewriter(
    // Library frames are left out of messages (the rewriter drops frames of files it does not know).
    spec.files
      .filter((f) => f.kind !== "library")
      .map<SourceFile>((f) => ({
        name: f.name,
        source: f.source,
        language: spec.language,
        hidden: isGuarded(f),
        learner: f.learner,
      })),
  );

  let prepared: Prepared;
  try {
    prepared = factory.take(limits.memoryMb);
  } catch (error) {
    return outcome.fail(
      "internal",
      `Could not start a sandbox: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const calls = new HarnessCalls(prepared, limits.memoryMb);
  const run: RunContext = { spec, limits, deadline, outcome, calls, rewriter, facts };
  setActiveHost(spec.host ?? null);
  // No real clock where the learner wrote the tests (see allowRealClock).
  allowRealClock(!spec.files.some((f) => f.learner && f.kind === "test"));
  spec.host?.beginRun(deadline + HARNESS_GRACE_MS);

  try {
    calls.call(
      HARNESS_CALL_MS,
      "configure",
      limits.outputBytes,
      limits.testOutputBytes,
      limits.maxTests,
      spec.seed ?? 0,
    );
    const defineFailure = defineModules(run, compiled, factory, prepared);
    if (defineFailure) return defineFailure;
    const load = loadTests(run);
    if ("status" in load) return load;

    // Concealed hidden tests run last: learner code could otherwise keep their inputs and print them
    // (or throw them) in a later test whose messages the learner sees. Results are listed in
    // declaration order (RunFacts indices are positions in run order: mutation jobs, their only
    // user, have no hidden tests).
    const runOrder = load.tests
      .map((_, i) => i)
      .sort((a, b) => Number(isConcealed(load.tests[a]!)) - Number(isConcealed(load.tests[b]!)) || a - b);
    for (let position = 0; position < runOrder.length; position++) {
      const ended = runTest(run, load.tests, runOrder[position]!, position);
      if (ended) return ended;
    }

    outcome.topOutput = readTopOutput(prepared.dispatch);
    if (load.tests.length === 0) return outcome.fail("internal", "The test files declare no tests.");
    return outcome.finish(outcome.tests.every((t) => t.status === "pass") ? "pass" : "fail");
  } catch (error) {
    if (error instanceof RunError) return outcome.fail(error.kind, error.message, error.line, error.column);
    let c: IsolateFailure;
    try {
      c = calls.classify(error);
    } catch {
      calls.tainted = true;
      return outcome.fail(
        "internal",
        `The grader failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (c.kind === "memory") return outcome.fail("memory", memoryMessage(limits, c, ""));
    if (c.kind === "timeout")
      return outcome.fail(
        "timeout",
        `Your code did not finish within the time limit (${limits.timeoutMs} ms).`,
      );
    const loc = rewriter.firstLearnerLocation(c.detail);
    return outcome.fail("runtime", uncaughtMessage(rewriter, c, "outside a test"), loc?.line, loc?.column);
  } finally {
    spec.host?.endTest();
    setActiveHost(null);
    allowRealClock(true);
    factory.release(prepared, calls.tainted);
  }
}

/** What the phases of one run share. */
interface RunContext {
  spec: RunSpec;
  limits: Limits;
  /** End of the whole run (performance.now() time). */
  deadline: number;
  outcome: RunOutcome;
  calls: HarnessCalls;
  rewriter: StackRewriter;
  facts: RunFacts | undefined;
}

/** The results of a run so far, and the result that ends it (finish, fail). */
class RunOutcome {
  readonly started = performance.now();
  /** In run order; declared[k] is the declared index of tests[k] (they run in another order, see runCode). */
  readonly tests: TestResult[] = [];
  private readonly declared: number[] = [];
  topOutput: string | undefined;

  /** Records the result of the test declared at `declaredIndex`. */
  push(declaredIndex: number, test: TestResult): void {
    this.declared[this.tests.length] = declaredIndex;
    this.tests.push(test);
  }

  finish(status: GradeResult["status"], error?: GradeResult["error"]): GradeResult {
    const order = this.tests.map((_, i) => i).sort((a, b) => this.declared[a]! - this.declared[b]!);
    const sorted = order.map((i) => this.tests[i]!);
    const result: GradeResult = {
      version: RESULT_VERSION,
      status,
      tests: sorted,
      durationMs: Math.round(performance.now() - this.started),
    };
    if (error) result.error = error;
    if (this.topOutput) result.output = this.topOutput;
    return result;
  }

  // file: the learner file the line is in (several learner files: the editor marks the right one).
  fail(kind: ErrorKind, message: string, line?: number, column?: number, file?: string): GradeResult {
    return this.finish("error", {
      kind,
      message: cap(message),
      ...(line ? { ...(file ? { file } : {}), line } : {}),
      ...(column ? { column } : {}),
    });
  }
}

// Never hand isolated-vm a tiny timeout: with many short calls whose timer fires just as they
// return, isolated-vm 7.0.1 crashed the process (reproduced: a loop of applySync calls with
// shrinking timeouts -> SIGSEGV). The host checks the deadline between calls instead, so a test
// overruns its limit by at most MIN_CALL_TIMEOUT_MS.
function remaining(until: number): number {
  return Math.max(MIN_CALL_TIMEOUT_MS, Math.ceil(until - performance.now()));
}

/**
 * Calls into one run's context: each with its timeout, a throw turned into an IsolateFailure, the
 * harness's reports checked. `tainted`: the run hit a limit (or anything unexpected), so its isolate
 * is not left for the next run.
 */
class HarnessCalls {
  tainted = false;
  private readonly prepared: Prepared;
  private readonly memoryMb: number;

  constructor(prepared: Prepared, memoryMb: number) {
    this.prepared = prepared;
    this.memoryMb = memoryMb;
  }

  get isolate(): ivm.Isolate {
    return this.prepared.isolate;
  }

  get dispatch(): Prepared["dispatch"] {
    return this.prepared.dispatch;
  }

  /** Classifies a throw from a call; anything not from the isolate is rethrown (the grader's own failure). */
  classify(error: unknown): IsolateFailure {
    const failure = error instanceof IsolateFailure ? error : null;
    if (failure === null || failure.kind !== "uncaught") this.tainted = true;
    if (failure === null) throw error; // not from the isolate: the grader's own failure (internal)
    return failure;
  }

  /** Runs a call into the isolate; a throw becomes an IsolateFailure. */
  inIsolate<T>(timeout: number, call: () => T): T {
    const callStarted = performance.now();
    try {
      return call();
    } catch (error) {
      throw isolateFailure(
        error,
        this.prepared.isolate,
        performance.now() - callStarted >= timeout - 1,
        this.memoryMb,
      );
    }
  }

  /** Calls the harness dispatcher; its answer is always a string (a JSON report or output). */
  call(timeout: number, ...args: unknown[]): string {
    const out = this.inIsolate(timeout, () =>
      this.prepared.dispatch.applySync(undefined, args as never[], { timeout }),
    );
    if (typeof out !== "string") throw new RunError("internal", "The harness returned a non-string report");
    return out;
  }

  /** A call that may run until `until` (performance.now() time). */
  callUntil(until: number, ...args: unknown[]): string {
    return this.call(remaining(until), ...args);
  }

  /** A call that answers with a test's report ("start", "step", "abandon"). */
  test(timeout: number, ...args: unknown[]): TestReport {
    const parsed = testReportSchema.safeParse(JSON.parse(this.call(timeout, ...args)));
    if (!parsed.success) throw new RunError("internal", "The harness sent an invalid test report");
    return parsed.data;
  }
}

function memoryMessage(limits: Limits, failure: IsolateFailure, where: string): string {
  return failure.detail === "nearly-full"
    ? `Your code filled the memory limit (${limits.memoryMb} MB)${where} and slowed to a halt before it ran out of time. Look for a loop that keeps adding to an array, map or string.`
    : `Your code used more memory than the limit (${limits.memoryMb} MB)${where}.`;
}

function uncaughtMessage(rewriter: StackRewriter, failure: IsolateFailure, where: string): string {
  return cap(
    rewriter.rewrite(
      `Uncaught error ${where} (an unhandled promise rejection, or an error thrown where no test could catch it): ${failure.detail}`,
    ),
  );
}

/** Step 1: transpiles every file. Compile errors are the learner's to fix; an author file that fails is ours. */
function compileFiles(spec: RunSpec, outcome: RunOutcome): { file: RunFile; code: string }[] | GradeResult {
  const compiled: { file: RunFile; code: string }[] = [];
  for (const file of spec.files) {
    if (file.kind === "library") {
      compiled.push({ file, code: file.source }); // bundled ahead of time, already plain JavaScript
      continue;
    }
    const result = file.learner
      ? transpileModule(file.source, file.name, spec.language)
      : transpileCached(file.source, file.name, spec.language);
    if (!result.ok) {
      if (file.learner)
        return outcome.fail(
          "compile",
          `${file.name}: ${result.message}`,
          result.line,
          result.column,
          file.name,
        );
      const where = isGuarded(file) ? "" : ` (line ${result.line ?? "?"})`;
      return outcome.fail(
        "internal",
        `The exercise's file ${file.name} does not compile${where}: ${result.message}`,
      );
    }
    compiled.push({ file, code: result.code });
  }
  return compiled;
}

/** Step 2: compiles each module as its own script, so stack frames name the file; a failure ends the run. */
function defineModules(
  run: RunContext,
  compiled: { file: RunFile; code: string }[],
  factory: IsolateFactory,
  prepared: Prepared,
): GradeResult | undefined {
  const { outcome, calls, rewriter } = run;
  for (const { file, code } of compiled) {
    let script: ivm.Script;
    try {
      script = factory.compile(prepared, wrapperPrefix(file.kind), code, file.name, !file.learner);
    } catch (error) {
      const raw = error instanceof Error ? error.message : String(error);
      const m = /^(.*?)\s*\[([^\]]+):(\d+):(\d+)\]$/.exec(raw);
      const message = m ? m[1] : raw;
      if (!file.learner) {
        return outcome.fail(
          "internal",
          `The exercise's file ${file.name} does not compile${isGuarded(file) ? "" : `: ${message}`}`,
        );
      }
      const line = m ? Number(m[3]) : undefined;
      const loc = line ? rewriter.firstLearnerLocation(`    at ${file.name}:${line}:${m![4]}`) : undefined;
      return outcome.fail("compile", `${file.name}: SyntaxError: ${message}`, line, loc?.column, file.name);
    }
    // Evaluates the wrapper expression only (creates the module function; no learner code runs).
    const fn = calls.inIsolate(HARNESS_CALL_MS, () =>
      script.runSync(prepared.context, { reference: true, timeout: HARNESS_CALL_MS }),
    );
    if (file.learner) script.release();
    calls.inIsolate(HARNESS_CALL_MS, () =>
      prepared.dispatch.applySync(
        undefined,
        ["define", file.name, file.kind, fn.derefInto(), isGuarded(file)],
        { timeout: HARNESS_CALL_MS },
      ),
    );
    fn.release();
  }
  return undefined;
}

/** Step 3: loads the test files (this runs the learner's module top level): the declared tests, or the result that ends the run. */
function loadTests(run: RunContext): Extract<LoadReport, { ok: true }> | GradeResult {
  const { spec, limits, deadline, outcome, calls, rewriter } = run;
  let loadText: string;
  try {
    loadText = calls.callUntil(deadline, "load");
  } catch (error) {
    const c = calls.classify(error);
    if (c.kind === "timeout")
      return outcome.fail(
        "timeout",
        `Your code did not finish loading within the time limit (${limits.timeoutMs} ms). Look for an endless loop at the top level of your module.`,
      );
    if (c.kind === "memory") return outcome.fail("memory", memoryMessage(limits, c, " while loading"));
    const loc = rewriter.firstLearnerLocation(c.detail);
    return outcome.fail("runtime", uncaughtMessage(rewriter, c, "while loading"), loc?.line, loc?.column);
  }
  const loadParsed = loadReportSchema.safeParse(JSON.parse(loadText));
  if (!loadParsed.success) return outcome.fail("internal", "The harness sent an invalid load report");
  const load = loadParsed.data;
  if (load.outputExceeded)
    return outcome.fail(
      "output",
      `Your code printed more than the output limit (${limits.outputBytes} bytes).`,
    );
  if (!load.ok) {
    outcome.topOutput = readTopOutput(calls.dispatch);
    const message = rewriter.rewrite(load.message);
    const loc = rewriter.firstLearnerLocation(load.message);
    const failingFile = spec.files.find((f) => f.name === load.file);
    if (!loc && failingFile && !failingFile.learner && !/Cannot find module/.test(load.message)) {
      // The error is in an author's file, not in learner code: still show it, it may be caused
      // by what the learner's module exports.
      const result = outcome.fail(
        "runtime",
        `Loading ${failingFile.kind === "hidden" ? "a hidden test file" : failingFile.name} failed: ${message}`,
      );
      if (failingFile.kind === "hidden" && result.error) result.error.summary = HIDDEN_LOAD_SUMMARY;
      return result;
    }
    if (failingFile?.kind === "hidden") {
      // Learner code called while a hidden test file loaded: its message could carry that file's values.
      // (Visible test files load first, so a learner module's own top-level error surfaces there.)
      const result = outcome.fail("runtime", message, loc?.line, loc?.column, loc?.file);
      if (result.error)
        result.error.summary = `${HIDDEN_LOAD_SUMMARY}${loc ? ` Your code threw at line ${loc.line}${loc.file && loc.file !== "solution.ts" && loc.file !== "solution.js" ? ` of ${loc.file}` : ""}.` : ""}`;
      return result;
    }
    return outcome.fail("runtime", message, loc?.line, loc?.column, loc?.file);
  }
  if (load.declared > limits.maxTests || load.tests.length > limits.maxTests) {
    return outcome.fail(
      "limit",
      `The tests declare ${load.declared} tests; the limit is ${limits.maxTests}.`,
    );
  }
  for (const declared of load.tests) {
    if (declared.name.length > MAX_TEST_NAME)
      declared.name = `${declared.name.slice(0, MAX_TEST_NAME)}… (name truncated)`;
  }
  return load;
}

/**
 * Step 4, one test: runs the test declared at index `i` (the `position`-th to run); the host tracks
 * time per test and for the whole run. Records the test's result, or returns the result that ends
 * the run.
 */
function runTest(
  run: RunContext,
  declaredTests: Declared[],
  i: number,
  position: number,
): GradeResult | undefined {
  const { spec, limits, deadline, outcome, calls, rewriter, facts } = run;
  const { tests } = outcome;
  const isolate = calls.isolate;
  const declared = declaredTests[i]!;
  const shownFacts = declaredFacts(declared);
  const testStarted = performance.now();
  const cpuStarted = isolate.cpuTime;
  const noteCpu = () => {
    try {
      facts?.cpuMs.set(tests.length, Number(isolate.cpuTime - cpuStarted) / 1e6);
    } catch {
      // a disposed isolate (out of memory) has no clock; that test's time is simply unknown
    }
  };
  // Why: the host's own work between calls (rewriting messages the learner controls, parsing
  // reports) counts against the run's wall time too; without this check, tests that each end
  // quickly in the isolate kept the run going past its limit until the pool killed the worker.
  if (testStarted >= deadline) {
    return outcome.fail(
      "timeout",
      `Your code did not finish within the time limit (${limits.timeoutMs} ms); ${declaredTests.length - position} test(s) did not run.`,
    );
  }
  const testDeadline = Math.min(testStarted + limits.testTimeoutMs, deadline);
  spec.host?.beginTest();
  let report: TestReport | undefined;
  let timedOut = false;
  try {
    // One timeout value for every call of this test, never a shrinking one (see
    // MIN_CALL_TIMEOUT_MS): a 1 ms setInterval beside a never-settling promise made the host fire
    // timers one call at a time until the deadline, with ever smaller timeouts, and isolated-vm
    // crashed (SIGSEGV) in 6 of 6 runs. The host checks both deadlines between calls, so a test
    // overruns by at most one call's timeout; and it makes at most MAX_STEPS_PER_TEST calls.
    const callTimeout = remaining(testDeadline);
    report = calls.test(callTimeout, "start", i);
    let steps = 0;
    while (report.state === "pending") {
      if (report.outputExceeded) break;
      if (performance.now() >= testDeadline) {
        timedOut = true;
        break;
      }
      if (++steps > MAX_STEPS_PER_TEST) {
        report = calls.test(
          HARNESS_CALL_MS,
          "abandon",
          i,
          `The test never finished: it was still waiting after ${MAX_STEPS_PER_TEST.toLocaleString("en-US")} timer callbacks (a timer that keeps firing while the test awaits something that never settles).`,
        );
        break;
      }
      report = calls.test(callTimeout, "step", i);
      if (report.state === "pending" && !report.timerFired && !report.outputExceeded) {
        report = calls.test(HARNESS_CALL_MS, "abandon", i, NEVER_FINISHED);
      }
    }
  } catch (error) {
    if (error instanceof RunError) throw error;
    const c = calls.classify(error);
    if (c.kind === "memory") {
      noteCpu();
      outcome.push(i, {
        name: declared.name,
        status: "error",
        message: "Ran out of memory",
        durationMs: Math.round(performance.now() - testStarted),
        ...shownFacts,
        ...(isConcealed(declared) ? { summary: "Ran out of memory." } : {}),
      });
      return outcome.fail("memory", memoryMessage(limits, c, ` in test "${declared.name}"`));
    }
    if (c.kind === "uncaught") {
      // The learner's runtime error, on the test that was running; the other tests still run.
      const message = uncaughtMessage(rewriter, c, "during this test");
      let output: string | undefined;
      const abandoned = calls.test(HARNESS_CALL_MS, "abandon", i, message);
      if (abandoned.state === "done") output = abandoned.output;
      noteCpu();
      outcome.push(i, {
        name: declared.name,
        status: "error",
        message,
        ...(output ? { output } : {}),
        durationMs: Math.round(performance.now() - testStarted),
        ...shownFacts,
        // The uncaught error's text is the learner's: a concealed test shows only that it happened.
        ...(isConcealed(declared)
          ? {
              summary:
                "Your code threw an error where no test could catch it (an unhandled promise rejection, or a throw in a callback).",
            }
          : {}),
      });
      return undefined;
    }
    timedOut = true;
  }
  if (report?.outputExceeded)
    return outcome.fail(
      "output",
      `Your code printed more than the output limit (${limits.outputBytes} bytes).`,
    );
  if (timedOut) {
    const wholeRun = performance.now() >= deadline - 1;
    const limitText = wholeRun
      ? `the time limit for all tests (${limits.timeoutMs} ms)`
      : `the time limit per test (${limits.testTimeoutMs} ms)`;
    let output: string | undefined;
    let outputExceeded = false;
    try {
      const abandoned = calls.test(HARNESS_CALL_MS, "abandon", i, "timed out");
      if (abandoned.state === "done") output = abandoned.output;
      outputExceeded = abandoned.outputExceeded === true;
    } catch {
      // the isolate may be unusable after a timeout; the output is lost, the verdict is not
    }
    // Output past the limit came first (a test printing in a long loop): that is the verdict,
    // whether or not the loop also ran out of time (which depends on the machine's load).
    if (outputExceeded)
      return outcome.fail(
        "output",
        `Your code printed more than the output limit (${limits.outputBytes} bytes).`,
      );
    facts?.timedOut.add(tests.length);
    noteCpu();
    const timeoutMessage = `${TIMED_OUT_PREFIX}the test did not finish within ${limitText}. Look for an endless loop or a very slow step.`;
    outcome.push(i, {
      name: declared.name,
      status: "error",
      message: timeoutMessage,
      ...(output ? { output: cap(output, limits.testOutputBytes + 200) } : {}),
      durationMs: Math.round(performance.now() - testStarted),
      ...shownFacts,
      ...(isConcealed(declared) ? { summary: timeoutMessage } : {}),
    });
    if (wholeRun) {
      return outcome.fail(
        "timeout",
        `Your code did not finish within the time limit (${limits.timeoutMs} ms); ${declaredTests.length - position - 1} test(s) did not run.`,
      );
    }
    return undefined;
  }
  if (!report || report.state !== "done" || report.index !== i)
    throw new RunError("internal", "The harness reported a different test than the one running");
  noteCpu();
  const test: TestResult = {
    name: declared.name,
    status: report.status,
    durationMs: Math.round(performance.now() - testStarted),
  };
  if (report.message !== undefined) {
    const firstFrameOnly = report.status === "fail";
    test.message = cap(rewriter.rewrite(report.message, { firstFrameOnly }));
  }
  if (report.output) test.output = report.output;
  Object.assign(test, shownFacts);
  if (report.status === "error" && report.thrownType !== undefined) {
    const loc = report.message !== undefined ? rewriter.firstLearnerLocation(report.message) : undefined;
    test.thrown = {
      type: report.thrownType,
      ...(report.thrownSubclass ? { subclass: true } : {}),
      ...(loc ? { file: loc.file, line: loc.line, column: loc.column } : {}),
    };
  }
  if (isConcealed(declared) && test.status !== "pass")
    test.summary = concealedSummary(test, report.message ?? "");
  outcome.push(i, test);
  return undefined;
}

/** Sources the learner must never see: hidden tests, the reference solution, guarded modules. */
function isGuarded(file: RunFile): boolean {
  return file.kind === "hidden" || file.kind === "reference" || file.guardSource === true;
}

/** What the learner's code printed outside any test (top level, load time). */
function readTopOutput(dispatch: ivm.Reference<(...args: unknown[]) => unknown>): string | undefined {
  try {
    const out = dispatch.applySync(undefined, ["output"], { timeout: HARNESS_CALL_MS });
    return typeof out === "string" && out !== "" ? out : undefined;
  } catch {
    return undefined;
  }
}
