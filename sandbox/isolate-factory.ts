/**
 * Fresh isolated-vm contexts for grading runs, with the prelude, the in-isolate extensions and the
 * harness already evaluated (the boot script), and the worker's shared isolate they live in.
 * Runs inside a grader worker process; run-code.ts takes one context per run.
 */
import ivm from "isolated-vm";
import { readFileSync } from "node:fs";
import { createHostCallback, HOST_GLOBAL } from "./bridge.ts";
import { RUNTIME_FILE } from "./stack.ts";

const HARNESS_SOURCE = readFileSync(new URL("./harness/runtime.js", import.meta.url), "utf8");
const EXTENSIONS_SOURCE = readFileSync(new URL("./harness/extensions.js", import.meta.url), "utf8");
const HARNESS_KEY = "__serverside_harness__";

/** Builds the script evaluated first in every fresh context: the prelude, the extensions, then the harness. */
export function buildBootSource(preludeSource: string): string {
  return `(function () {\n"use strict";\nconst internal = (${preludeSource});\n(${EXTENSIONS_SOURCE})(internal);\n(${HARNESS_SOURCE})(internal);\n})();`;
}

/** A context ready for one run, with the harness dispatcher taken off its global object. */
export interface Prepared {
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
  /** Author scripts compiled into this isolate: by file name and wrapper prefix, then by code. */
  scripts: Map<string, Map<string, ivm.Script>>;
  /** Scripts in `scripts`, counted to bound it. */
  scriptCount: number;
}

/** Author scripts kept per shared isolate; past this the cache is emptied (a worker grading many exercises). */
const MAX_CACHED_SCRIPTS = 64;

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
    if (shared)
      IsolateFactory.disposeIsolate(shared.isolate, [shared.script, ...IsolateFactory.cached(shared)]);
  }

  private sharedIsolate(): SharedIsolate {
    const current = this.shared;
    if (current && !current.isolate.isDisposed && current.contexts < CONTEXTS_PER_ISOLATE) return current;
    if (current) this.dropShared();
    const isolate = new ivm.Isolate({ memoryLimit: this.defaultMemoryMb });
    const script = isolate.compileScriptSync(this.boot, { filename: RUNTIME_FILE });
    this.shared = { isolate, script, contexts: 0, scripts: new Map(), scriptCount: 0 };
    return this.shared;
  }

  private static cached(shared: SharedIsolate): ivm.Script[] {
    const all: ivm.Script[] = [];
    for (const byCode of shared.scripts.values()) all.push(...byCode.values());
    return all;
  }

  /**
   * Compiles a module: `${prefix}\n${code}\n})`. Author files (tests, modules, the bundled
   * fast-check) are compiled once per shared isolate and run in each new context; learner files are
   * compiled every time.
   *
   * The cache is looked up by the code string itself, never by a string built per run. Why: the
   * wrapper of the 170 kB fast-check bundle, concatenated and hashed for a Map key on every run,
   * cost ~2 ms of worker CPU per grade (5% of a parse-query-pagination grade) before any script
   * ran. An author file's code is the same string object from run to run (transpileCached's entry,
   * the bundle's constant), whose hash V8 keeps once computed.
   */
  compile(prepared: Prepared, prefix: string, code: string, filename: string, reuse: boolean): ivm.Script {
    const shared = this.shared;
    const cacheable = reuse && !prepared.ownsIsolate && shared?.isolate === prepared.isolate;
    const slot = `${filename}\0${prefix}`;
    if (cacheable) {
      const hit = shared.scripts.get(slot)?.get(code);
      if (hit) return hit;
    }
    const script = prepared.isolate.compileScriptSync(`${prefix}\n${code}\n})`, { filename, lineOffset: -1 });
    if (prepared.ownsIsolate && reuse) prepared.scripts.push(script);
    if (cacheable) {
      if (shared.scriptCount >= MAX_CACHED_SCRIPTS) {
        for (const old of IsolateFactory.cached(shared)) old.release();
        shared.scripts.clear();
        shared.scriptCount = 0;
      }
      let byCode = shared.scripts.get(slot);
      if (!byCode) shared.scripts.set(slot, (byCode = new Map()));
      byCode.set(code, script);
      shared.scriptCount++;
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
      const dispatch = global.getSync(HARNESS_KEY, { reference: true }) as ivm.Reference<
        (...args: unknown[]) => unknown
      >;
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
