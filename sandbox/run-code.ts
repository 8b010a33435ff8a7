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
import ivm from "isolated-vm";
import { readFileSync } from "node:fs";
import { allowRealClock, createHostCallback, HOST_GLOBAL, setActiveHost } from "./bridge.ts";
import type { HostHandler } from "./bridge.ts";
import { loadReportSchema, testReportSchema } from "./schema.ts";
import type { TestReport } from "./schema.ts";
import { RUNTIME_FILE, StackRewriter } from "./stack.ts";
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

const HARNESS_SOURCE = readFileSync(new URL("./harness/runtime.js", import.meta.url), "utf8");
const EXTENSIONS_SOURCE = readFileSync(new URL("./harness/extensions.js", import.meta.url), "utf8");
const HARNESS_KEY = "__serverside_harness__";
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

/** Builds the script evaluated first in every fresh context: the prelude, the extensions, then the harness. */
export function buildBootSource(preludeSource: string): string {
  return `(function () {\n"use strict";\nconst internal = (${preludeSource});\n(${EXTENSIONS_SOURCE})(internal);\n(${HARNESS_SOURCE})(internal);\n})();`;
}

interface Prepared {
  isolate: ivm.Isolate;
  context: ivm.Context;
  dispatch: ivm.Reference<(...args: unknown[]) => unknown>;
  memoryMb: number;
  /** True when the isolate is this run's alone (disposed after it); false for the worker's shared one. */
  ownsIsolate: boolean;
  /** Scripts compiled into an own isolate, released before it is disposed. */
  scripts: ivm.Script[];
}

interface SharedIsolate {
  isolate: ivm.Isolate;
  script: ivm.Script;
  contexts: number;
  scripts: Map<string, ivm.Script>;
}

/** Contexts created in one shared isolate before it is replaced by a fresh one. */
const CONTEXTS_PER_ISOLATE = 200;

/**
 * Makes fresh contexts with the prelude and harness already evaluated, and keeps one ready so a
 * job does not wait for it.
 *
 * Every run gets a context of its own that no other run ever touches. Runs with the default
 * memory limit share the worker's current isolate (one run at a time; the isolate is replaced
 * every CONTEXTS_PER_ISOLATE runs, after any run that hit a limit, and whenever V8 disposed it);
 * runs with a custom memory limit get an isolate of their own. Measured on the 2-core dev box with
 * the real prelude (~100 KB): fresh isolate + prelude ~9.6 ms, fresh context in a warm isolate
 * ~3.7 ms (compiled prelude functions are shared per isolate), so sharing the isolate is what makes
 * the latency targets reachable. A V8 startup snapshot would be faster still (~0.8 ms per context)
 * but crashed V8 once the intrinsics were frozen, and would replay one CSPRNG seed for every run.
 */
export class IsolateFactory {
  private readonly boot: string;
  private readonly defaultMemoryMb: number;
  private readonly seed: { global: string; create(): string } | undefined;
  private shared: SharedIsolate | undefined;
  private spare: Prepared | undefined;

  /** seed: a global set (fresh value per context) before the boot script runs; the prelude consumes it. */
  constructor(bootSource: string, defaultMemoryMb: number, seed?: { global: string; create(): string }) {
    this.boot = bootSource;
    this.defaultMemoryMb = defaultMemoryMb;
    this.seed = seed;
  }

  /**
   * Releases every handle into an isolate, then disposes it. Handles left to the garbage
   * collector after their isolate was disposed crashed isolated-vm (SIGSEGV) in our tests.
   */
  private static disposeIsolate(isolate: ivm.Isolate, scripts: ivm.Script[]): void {
    for (const script of scripts) {
      try {
        script.release();
      } catch {
        // already released
      }
    }
    if (!isolate.isDisposed) isolate.dispose();
  }

  private dropShared(): void {
    const shared = this.shared;
    this.shared = undefined;
    if (shared) IsolateFactory.disposeIsolate(shared.isolate, [shared.script, ...shared.scripts.values()]);
  }

  private sharedIsolate(): SharedIsolate {
    const current = this.shared;
    if (current && !current.isolate.isDisposed && current.contexts < CONTEXTS_PER_ISOLATE) return current;
    if (current) this.dropShared();
    const isolate = new ivm.Isolate({ memoryLimit: this.defaultMemoryMb });
    const script = isolate.compileScriptSync(this.boot, { filename: RUNTIME_FILE });
    this.shared = { isolate, script, contexts: 0, scripts: new Map() };
    return this.shared;
  }

  /**
   * Compiles a module wrapper. Author files (tests, modules) are compiled once per shared isolate
   * and run in each new context; learner files are compiled every time.
   */
  compile(prepared: Prepared, wrapper: string, filename: string, reuse: boolean): ivm.Script {
    const shared = this.shared;
    const cacheable = reuse && !prepared.ownsIsolate && shared?.isolate === prepared.isolate;
    const key = `${filename}\0${wrapper}`;
    if (cacheable) {
      const hit = shared.scripts.get(key);
      if (hit) return hit;
    }
    const script = prepared.isolate.compileScriptSync(wrapper, { filename, lineOffset: -1 });
    if (prepared.ownsIsolate && reuse) prepared.scripts.push(script);
    if (cacheable) {
      if (shared.scripts.size >= 64) {
        for (const old of shared.scripts.values()) old.release();
        shared.scripts.clear();
      }
      shared.scripts.set(key, script);
    }
    return script;
  }

  private create(memoryMb: number): Prepared {
    const ownsIsolate = memoryMb !== this.defaultMemoryMb;
    let isolate: ivm.Isolate;
    let script: ivm.Script;
    if (ownsIsolate) {
      isolate = new ivm.Isolate({ memoryLimit: memoryMb });
      script = isolate.compileScriptSync(this.boot, { filename: RUNTIME_FILE });
    } else {
      const shared = this.sharedIsolate();
      shared.contexts++;
      isolate = shared.isolate;
      script = shared.script;
    }
    let context: ivm.Context | undefined;
    try {
      context = isolate.createContextSync();
      if (this.seed) context.global.setSync(this.seed.global, this.seed.create());
      // The host bridge: taken and deleted by harness/extensions.js before any learner code exists.
      context.global.setSync(HOST_GLOBAL, createHostCallback());
      script.runSync(context, { timeout: 5_000 });
      const global = context.global;
      const dispatch = global.getSync(HARNESS_KEY, { reference: true }) as ivm.Reference<(...args: unknown[]) => unknown>;
      // The dispatcher leaves the global object before any learner code exists.
      global.deleteSync(HARNESS_KEY);
      return { isolate, context, dispatch, memoryMb, ownsIsolate, scripts: ownsIsolate ? [script] : [] };
    } catch (error) {
      if (!isolate.isDisposed) context?.release();
      if (ownsIsolate) IsolateFactory.disposeIsolate(isolate, [script]);
      throw error;
    }
  }

  /** A fresh, never-used context (in a shared or own isolate) with the given heap limit. */
  take(memoryMb: number): Prepared {
    const spare = this.spare;
    this.spare = undefined;
    if (spare && spare.memoryMb === memoryMb && !spare.isolate.isDisposed) return spare;
    if (spare) this.release(spare, false);
    return this.create(memoryMb);
  }

  /** Ends a run's context. tainted: the run hit a limit, so its isolate is not reused. */
  release(prepared: Prepared, tainted: boolean): void {
    // Never touch handles of an isolate V8 already disposed (hit its memory limit): isolated-vm
    // crashed the process when they were released afterwards.
    if (prepared.isolate.isDisposed) {
      if (this.shared?.isolate === prepared.isolate) this.dropShared();
      return;
    }
    try {
      prepared.dispatch.release();
      prepared.context.release();
    } catch {
      // already gone
    }
    if (prepared.ownsIsolate) IsolateFactory.disposeIsolate(prepared.isolate, prepared.scripts);
    else if (tainted && this.shared?.isolate === prepared.isolate) this.dropShared();
  }

  /** Prepares the next context ahead of time (call when idle). */
  prewarm(): void {
    if (!this.spare) this.spare = this.create(this.defaultMemoryMb);
  }

  dispose(): void {
    if (this.spare) this.release(this.spare, true);
    this.spare = undefined;
    this.dropShared();
  }
}

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

/**
 * A call into the isolate that threw, classified from the isolate's state and the call's own
 * timing, never from the error's text (learner code chooses that text: an error whose message said
 * "memory limit" or "Script execution timed out." became a memory or timeout verdict).
 * - memory: V8 disposed the isolate (its heap limit), or the call ran out of time with the heap
 *   nearly full (detail "nearly-full": a growing loop that garbage collection slowed to a crawl);
 * - timeout: the call lasted its whole timeout (isolated-vm terminated it);
 * - uncaught: anything else, which can only be learner code's error that escaped the harness: an
 *   unhandled promise rejection (isolated-vm throws it from the call whose microtasks rejected) or
 *   an error the harness could not catch (a stack overflow inside its own catch).
 */
class IsolateFailure extends Error {
  readonly kind: "memory" | "timeout" | "uncaught";
  /** For "uncaught": the escaped error as "Name: message" plus its frames inside the isolate; for "memory", "nearly-full" or "". */
  readonly detail: string;
  constructor(kind: "memory" | "timeout" | "uncaught", detail = "") {
    super(kind);
    this.kind = kind;
    this.detail = detail;
  }
}

/** Frames of an escaped error up to isolated-vm's boundary (the host's own frames follow it). */
function escapedDetail(error: unknown): string {
  if (!(error instanceof Error)) return `Thrown: ${String(error).slice(0, 2000)}`;
  const stack = typeof error.stack === "string" ? error.stack : `${error.name}: ${error.message}`;
  const boundary = stack.indexOf("\n    at (<isolated-vm boundary>)");
  return boundary >= 0 ? stack.slice(0, boundary) : `${error.name}: ${error.message}`;
}

/** Share of the heap limit in use at a timeout above which the verdict is memory, not time. */
const NEARLY_FULL_HEAP = 0.75;

/**
 * A loop that keeps allocating slows to a crawl near the heap limit (V8 collects garbage again and
 * again for little gain) and usually runs out of time before the limit disposes the isolate: that
 * is a memory problem, and the learner must be told so. The heap's size is V8's own figure, never
 * anything learner code says.
 */
function heapNearlyFull(isolate: ivm.Isolate, memoryMb: number): boolean {
  try {
    const heap = isolate.getHeapStatisticsSync();
    return heap.used_heap_size + heap.externally_allocated_size >= NEARLY_FULL_HEAP * memoryMb * 1024 * 1024;
  } catch {
    return false;
  }
}

function isolateFailure(error: unknown, isolate: ivm.Isolate, ranWholeTimeout: boolean, memoryMb: number): IsolateFailure {
  if (isolate.isDisposed) return new IsolateFailure("memory");
  if (ranWholeTimeout) return heapNearlyFull(isolate, memoryMb) ? new IsolateFailure("memory", "nearly-full") : new IsolateFailure("timeout");
  return new IsolateFailure("uncaught", escapedDetail(error));
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

/** Runs the files in a fresh isolate and grades the tests they declare. Never throws. */
export function runCode(spec: RunSpec, factory: IsolateFactory, facts?: RunFacts): GradeResult {
  const started = performance.now();
  const { limits } = spec;
  const deadline = started + limits.timeoutMs;
  const tests: TestResult[] = [];
  /** Declared index of each entry of `tests` (they run in another order, see step 4). */
  const testIndex: number[] = [];
  let topOutput: string | undefined;
  const finish = (status: GradeResult["status"], error?: GradeResult["error"]): GradeResult => {
    const order = tests.map((_, i) => i).sort((a, b) => testIndex[a]! - testIndex[b]!);
    const sorted = order.map((i) => tests[i]!);
    const result: GradeResult = { version: RESULT_VERSION, status, tests: sorted, durationMs: Math.round(performance.now() - started) };
    if (error) result.error = error;
    if (topOutput) result.output = topOutput;
    return result;
  };
  // file: the learner file the line is in (several learner files: the editor marks the right one).
  const fail = (kind: ErrorKind, message: string, line?: number, column?: number, file?: string) =>
    finish("error", { kind, message: cap(message), ...(line ? { ...(file ? { file } : {}), line } : {}), ...(column ? { column } : {}) });

  // 1. Transpile (compile errors are the learner's to fix; an author file that fails is ours).
  const compiled: { file: RunFile; code: string }[] = [];
  for (const file of spec.files) {
    if (file.kind === "library") {
      compiled.push({ file, code: file.source }); // bundled ahead of time, already plain JavaScript
      continue;
    }
    const result = file.learner ? transpileModule(file.source, file.name, spec.language) : transpileCached(file.source, file.name, spec.language);
    if (!result.ok) {
      if (file.learner) return fail("compile", `${file.name}: ${result.message}`, result.line, result.column, file.name);
      const where = isGuarded(file) ? "" : ` (line ${result.line ?? "?"})`;
      return fail("internal", `The exercise's file ${file.name} does not compile${where}: ${result.message}`);
    }
    compiled.push({ file, code: result.code });
  }
  const rewriter = new StackRewriter(
    // Library frames are left out of messages (the rewriter drops frames of files it does not know).
    spec.files
      .filter((f) => f.kind !== "library")
      .map<SourceFile>((f) => ({ name: f.name, source: f.source, language: spec.language, hidden: isGuarded(f), learner: f.learner })),
  );

  let prepared: Prepared;
  try {
    prepared = factory.take(limits.memoryMb);
  } catch (error) {
    return fail("internal", `Could not start a sandbox: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { isolate, context, dispatch } = prepared;
  let tainted = false;
  setActiveHost(spec.host ?? null);
  // No real clock where the learner wrote the tests (see allowRealClock).
  allowRealClock(!spec.files.some((f) => f.learner && f.kind === "test"));
  spec.host?.beginRun(deadline + HARNESS_GRACE_MS);
  // A run that hit a limit (or anything unexpected) does not leave its isolate for the next run.
  const classifyRun = (error: unknown): IsolateFailure => {
    const failure = error instanceof IsolateFailure ? error : null;
    if (failure === null || failure.kind !== "uncaught") tainted = true;
    if (failure === null) throw error; // not from the isolate: the grader's own failure (internal)
    return failure;
  };
  /** Runs a call into the isolate; a throw becomes an IsolateFailure. */
  const inIsolate = <T>(timeout: number, call: () => T): T => {
    const callStarted = performance.now();
    try {
      return call();
    } catch (error) {
      throw isolateFailure(error, isolate, performance.now() - callStarted >= timeout - 1, limits.memoryMb);
    }
  };
  const memoryMessage = (failure: IsolateFailure, where: string) =>
    failure.detail === "nearly-full"
      ? `Your code filled the memory limit (${limits.memoryMb} MB)${where} and slowed to a halt before it ran out of time. Look for a loop that keeps adding to an array, map or string.`
      : `Your code used more memory than the limit (${limits.memoryMb} MB)${where}.`;
  const uncaughtMessage = (failure: IsolateFailure, where: string) =>
    cap(rewriter.rewrite(`Uncaught error ${where} (an unhandled promise rejection, or an error thrown where no test could catch it): ${failure.detail}`));
  // Never hand isolated-vm a tiny timeout: with many short calls whose timer fires just as they
  // return, isolated-vm 7.0.1 crashed the process (reproduced: a loop of applySync calls with
  // shrinking timeouts -> SIGSEGV). The host checks the deadline between calls instead, so a test
  // overruns its limit by at most MIN_CALL_TIMEOUT_MS.
  const remaining = (until: number) => Math.max(MIN_CALL_TIMEOUT_MS, Math.ceil(until - performance.now()));
  const callHarness = (until: number, ...args: unknown[]): string => callWithTimeout(remaining(until), ...args);
  const callWithTimeout = (timeout: number, ...args: unknown[]): string => {
    const out = inIsolate(timeout, () => dispatch.applySync(undefined, args as never[], { timeout }));
    if (typeof out !== "string") throw new RunError("internal", "The harness returned a non-string report");
    return out;
  };
  const parseTest = (text: string): TestReport => {
    const parsed = testReportSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new RunError("internal", "The harness sent an invalid test report");
    return parsed.data;
  };

  try {
    callWithTimeout(HARNESS_CALL_MS, "configure", limits.outputBytes, limits.testOutputBytes, limits.maxTests, spec.seed ?? 0);

    // 2. Compile each module as its own script, so stack frames name the file.
    for (const { file, code } of compiled) {
      const wrapper = `${wrapperPrefix(file.kind)}\n${code}\n})`;
      let script: ivm.Script;
      try {
        script = factory.compile(prepared, wrapper, file.name, !file.learner);
      } catch (error) {
        const raw = error instanceof Error ? error.message : String(error);
        const m = /^(.*?)\s*\[([^\]]+):(\d+):(\d+)\]$/.exec(raw);
        const message = m ? m[1] : raw;
        if (!file.learner) {
          return fail("internal", `The exercise's file ${file.name} does not compile${isGuarded(file) ? "" : `: ${message}`}`);
        }
        const line = m ? Number(m[3]) : undefined;
        const loc = line ? rewriter.firstLearnerLocation(`    at ${file.name}:${line}:${m![4]}`) : undefined;
        return fail("compile", `${file.name}: SyntaxError: ${message}`, line, loc?.column, file.name);
      }
      // Evaluates the wrapper expression only (creates the module function; no learner code runs).
      const fn = inIsolate(HARNESS_CALL_MS, () => script.runSync(context, { reference: true, timeout: HARNESS_CALL_MS }));
      if (file.learner) script.release();
      inIsolate(HARNESS_CALL_MS, () =>
        dispatch.applySync(undefined, ["define", file.name, file.kind, fn.derefInto(), isGuarded(file)], { timeout: HARNESS_CALL_MS }),
      );
      fn.release();
    }

    // 3. Load the test files (this runs the learner's module top level).
    let loadText: string;
    try {
      loadText = callHarness(deadline, "load");
    } catch (error) {
      const c = classifyRun(error);
      if (c.kind === "timeout") return fail("timeout", `Your code did not finish loading within the time limit (${limits.timeoutMs} ms). Look for an endless loop at the top level of your module.`);
      if (c.kind === "memory") return fail("memory", memoryMessage(c, " while loading"));
      const loc = rewriter.firstLearnerLocation(c.detail);
      return fail("runtime", uncaughtMessage(c, "while loading"), loc?.line, loc?.column);
    }
    const loadParsed = loadReportSchema.safeParse(JSON.parse(loadText));
    if (!loadParsed.success) return fail("internal", "The harness sent an invalid load report");
    const load = loadParsed.data;
    if (load.outputExceeded) return fail("output", `Your code printed more than the output limit (${limits.outputBytes} bytes).`);
    if (!load.ok) {
      topOutput = readTopOutput(dispatch);
      const message = rewriter.rewrite(load.message);
      const loc = rewriter.firstLearnerLocation(load.message);
      const failingFile = spec.files.find((f) => f.name === load.file);
      if (!loc && failingFile && !failingFile.learner && !/Cannot find module/.test(load.message)) {
        // The error is in an author's file, not in learner code: still show it, it may be caused
        // by what the learner's module exports.
        const result = fail("runtime", `Loading ${failingFile.kind === "hidden" ? "a hidden test file" : failingFile.name} failed: ${message}`);
        if (failingFile.kind === "hidden" && result.error) result.error.summary = HIDDEN_LOAD_SUMMARY;
        return result;
      }
      if (failingFile?.kind === "hidden") {
        // Learner code called while a hidden test file loaded: its message could carry that file's values.
        // (Visible test files load first, so a learner module's own top-level error surfaces there.)
        const result = fail("runtime", message, loc?.line, loc?.column, loc?.file);
        if (result.error) result.error.summary = `${HIDDEN_LOAD_SUMMARY}${loc ? ` Your code threw at line ${loc.line}${loc.file && loc.file !== "solution.ts" && loc.file !== "solution.js" ? ` of ${loc.file}` : ""}.` : ""}`;
        return result;
      }
      return fail("runtime", message, loc?.line, loc?.column, loc?.file);
    }
    if (load.declared > limits.maxTests || load.tests.length > limits.maxTests) {
      return fail("limit", `The tests declare ${load.declared} tests; the limit is ${limits.maxTests}.`);
    }
    for (const declared of load.tests) {
      if (declared.name.length > MAX_TEST_NAME) declared.name = `${declared.name.slice(0, MAX_TEST_NAME)}… (name truncated)`;
    }

    // 4. Run each test; the host tracks time per test and for the whole run. Concealed hidden tests
    // run last: learner code could otherwise keep their inputs and print them (or throw them) in a
    // later test whose messages the learner sees. Results are listed in declaration order (RunFacts
    // indices are positions in run order: mutation jobs, their only user, have no hidden tests).
    const runOrder = load.tests.map((_, i) => i).sort((a, b) => Number(isConcealed(load.tests[a]!)) - Number(isConcealed(load.tests[b]!)) || a - b);
    for (let position = 0; position < runOrder.length; position++) {
      const i = runOrder[position]!;
      const declared = load.tests[i]!;
      const shownFacts = declaredFacts(declared);
      testIndex[tests.length] = i;
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
        return fail("timeout", `Your code did not finish within the time limit (${limits.timeoutMs} ms); ${load.tests.length - position} test(s) did not run.`);
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
        report = parseTest(callWithTimeout(callTimeout, "start", i));
        let steps = 0;
        while (report.state === "pending") {
          if (report.outputExceeded) break;
          if (performance.now() >= testDeadline) {
            timedOut = true;
            break;
          }
          if (++steps > MAX_STEPS_PER_TEST) {
            report = parseTest(
              callWithTimeout(
                HARNESS_CALL_MS,
                "abandon",
                i,
                `The test never finished: it was still waiting after ${MAX_STEPS_PER_TEST.toLocaleString("en-US")} timer callbacks (a timer that keeps firing while the test awaits something that never settles).`,
              ),
            );
            break;
          }
          report = parseTest(callWithTimeout(callTimeout, "step", i));
          if (report.state === "pending" && !report.timerFired && !report.outputExceeded) {
            report = parseTest(
              callWithTimeout(
                HARNESS_CALL_MS,
                "abandon",
                i,
                NEVER_FINISHED,
              ),
            );
          }
        }
      } catch (error) {
        if (error instanceof RunError) throw error;
        const c = classifyRun(error);
        if (c.kind === "memory") {
          noteCpu();
          tests.push({ name: declared.name, status: "error", message: "Ran out of memory", durationMs: Math.round(performance.now() - testStarted), ...shownFacts, ...(isConcealed(declared) ? { summary: "Ran out of memory." } : {}) });
          return fail("memory", memoryMessage(c, ` in test "${declared.name}"`));
        }
        if (c.kind === "uncaught") {
          // The learner's runtime error, on the test that was running; the other tests still run.
          const message = uncaughtMessage(c, "during this test");
          let output: string | undefined;
          const abandoned = parseTest(callWithTimeout(HARNESS_CALL_MS, "abandon", i, message));
          if (abandoned.state === "done") output = abandoned.output;
          noteCpu();
          tests.push({
            name: declared.name,
            status: "error",
            message,
            ...(output ? { output } : {}),
            durationMs: Math.round(performance.now() - testStarted),
            ...shownFacts,
            // The uncaught error's text is the learner's: a concealed test shows only that it happened.
            ...(isConcealed(declared) ? { summary: "Your code threw an error where no test could catch it (an unhandled promise rejection, or a throw in a callback)." } : {}),
          });
          continue;
        }
        timedOut = true;
      }
      if (report?.outputExceeded) return fail("output", `Your code printed more than the output limit (${limits.outputBytes} bytes).`);
      if (timedOut) {
        const wholeRun = performance.now() >= deadline - 1;
        const limitText = wholeRun ? `the time limit for all tests (${limits.timeoutMs} ms)` : `the time limit per test (${limits.testTimeoutMs} ms)`;
        let output: string | undefined;
        let outputExceeded = false;
        try {
          const abandoned = parseTest(callWithTimeout(HARNESS_CALL_MS, "abandon", i, "timed out"));
          if (abandoned.state === "done") output = abandoned.output;
          outputExceeded = abandoned.outputExceeded === true;
        } catch {
          // the isolate may be unusable after a timeout; the output is lost, the verdict is not
        }
        // Output past the limit came first (a test printing in a long loop): that is the verdict,
        // whether or not the loop also ran out of time (which depends on the machine's load).
        if (outputExceeded) return fail("output", `Your code printed more than the output limit (${limits.outputBytes} bytes).`);
        facts?.timedOut.add(tests.length);
        noteCpu();
        const timeoutMessage = `${TIMED_OUT_PREFIX}the test did not finish within ${limitText}. Look for an endless loop or a very slow step.`;
        tests.push({
          name: declared.name,
          status: "error",
          message: timeoutMessage,
          ...(output ? { output: cap(output, limits.testOutputBytes + 200) } : {}),
          durationMs: Math.round(performance.now() - testStarted),
          ...shownFacts,
          ...(isConcealed(declared) ? { summary: timeoutMessage } : {}),
        });
        if (wholeRun) {
          return fail("timeout", `Your code did not finish within the time limit (${limits.timeoutMs} ms); ${load.tests.length - position - 1} test(s) did not run.`);
        }
        continue;
      }
      if (!report || report.state !== "done" || report.index !== i) throw new RunError("internal", "The harness reported a different test than the one running");
      noteCpu();
      const test: TestResult = { name: declared.name, status: report.status, durationMs: Math.round(performance.now() - testStarted) };
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
      if (isConcealed(declared) && test.status !== "pass") test.summary = concealedSummary(test, report.message ?? "");
      tests.push(test);
    }

    topOutput = readTopOutput(dispatch);
    if (load.tests.length === 0) return fail("internal", "The test files declare no tests.");
    return finish(tests.every((t) => t.status === "pass") ? "pass" : "fail");
  } catch (error) {
    if (error instanceof RunError) return fail(error.kind, error.message, error.line, error.column);
    let c: IsolateFailure;
    try {
      c = classifyRun(error);
    } catch {
      tainted = true;
      return fail("internal", `The grader failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (c.kind === "memory") return fail("memory", memoryMessage(c, ""));
    if (c.kind === "timeout") return fail("timeout", `Your code did not finish within the time limit (${limits.timeoutMs} ms).`);
    const loc = rewriter.firstLearnerLocation(c.detail);
    return fail("runtime", uncaughtMessage(c, "outside a test"), loc?.line, loc?.column);
  } finally {
    spec.host?.endTest();
    setActiveHost(null);
    allowRealClock(true);
    factory.release(prepared, tainted);
  }
}

/** Shown to learners when a hidden test file failed to load (its message may carry its values). */
const HIDDEN_LOAD_SUMMARY = "A hidden test file could not load with your code (it uses what your module exports at load time).";
const NEVER_FINISHED = "The test never finished: it awaits something that never resolves (a promise that is never settled, or a callback that is never called).";

/** Sources the learner must never see: hidden tests, the reference solution, guarded modules. */
function isGuarded(file: RunFile): boolean {
  return file.kind === "hidden" || file.kind === "reference" || file.guardSource === true;
}

type Declared = { name: string; hidden: boolean; reveal?: boolean; description?: string };

/** A hidden test whose values the learner must not see (sandbox/README.md, "Disclosure"). */
function isConcealed(declared: Declared): boolean {
  return declared.hidden && declared.reveal !== true;
}

function declaredFacts(declared: Declared): Partial<TestResult> {
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
function concealedSummary(test: TestResult, rawMessage: string): string {
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
  if (thrown.line) return `Your code threw ${what} at line ${thrown.line}${solution ? "" : ` of ${thrown.file}`}.`;
  return `The test stopped with ${what}, not thrown by a line of your code (for example, your result could not be used as the test expects).`;
}


function readTopOutput(dispatch: ivm.Reference<(...args: unknown[]) => unknown>): string | undefined {
  try {
    const out = dispatch.applySync(undefined, ["output"], { timeout: HARNESS_CALL_MS });
    return typeof out === "string" && out !== "" ? out : undefined;
  } catch {
    return undefined;
  }
}
