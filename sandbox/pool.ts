/**
 * A pool of grader worker processes. Learner code never runs in the process that calls grade():
 * each job goes to a forked `node --no-node-snapshot sandbox/worker.ts`, which runs it in a fresh
 * isolate. A worker that crashes, hangs past the job's time limit or exits is replaced; the job it
 * held gets an "error" result, never an exception.
 */
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gradeResultSchema } from "./schema.ts";
import { RESULT_VERSION } from "./types.ts";
import type { ErrorKind, GradeJob, GradeResult, Limits } from "./types.ts";

export interface WorkerRequest {
  id: number;
  job: GradeJob;
  limits: Limits;
}
/**
 * Messages from a worker. `recycle: true` on a result asks the pool to replace the worker before
 * its next job (its state may be damaged: a WebAssembly trap, an internal error, it is retiring).
 */
export type WorkerReply = { type: "ready" } | { type: "result"; id: number; result: GradeResult; recycle?: boolean };

export interface PoolOptions {
  /** Number of worker processes. */
  workers: number;
  /** Path of the worker entry (default: sandbox/worker.ts next to this file, or under cwd). */
  workerPath?: string;
  /** Extra time past a job's timeoutMs before its worker is killed (default 1500 ms). */
  killMarginMs?: number;
  /** Jobs waiting beyond this many get an "internal" error result at once (default 10 000). */
  maxQueue?: number;
  /**
   * Resident memory (MB) a busy worker may reach before it is killed and its job gets a "memory"
   * error (default 1024; raised to 2 x memoryMb + 512 for jobs with a larger heap limit).
   */
  maxWorkerRssMb?: number;
}

interface Task {
  request: WorkerRequest;
  resolve: (result: GradeResult) => void;
  enqueued: number;
}

interface Slot {
  child: ChildProcess;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  /** Why we killed it, so the exit handler reports the right error. */
  killedFor: ErrorKind | null;
}

const STARTUP_FAILURES_BEFORE_GIVING_UP = 5;
/** How often busy workers' resident memory is checked. */
const RSS_CHECK_MS = 50;

/**
 * A process's resident set size in MB from /proc (Linux), or undefined where there is none.
 * Why: the isolate's heap limit does not cover memory V8 allocates outside its heap; learner code
 * creating Intl.Collator objects in a loop took a worker from ~110 MB to 1.5 GB in 5 s with a 64 MB
 * heap limit, and resizable ArrayBuffers (`new ArrayBuffer(1, { maxByteLength })`, then resize) are
 * allocated outside isolated-vm's accounting: 2 GB in a run with a 64 MB limit. The worker cannot
 * watch itself (its main thread is blocked in the isolate call), so the pool does.
 */
function residentMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Finds sandbox/worker.ts whether we run from source (node, tsx) or bundled (Next.js, cwd = repo root). */
export function resolveWorkerPath(): string {
  const fromEnv = process.env.SANDBOX_WORKER_PATH;
  if (fromEnv) return path.resolve(fromEnv);
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.ts"));
  } catch {
    // import.meta.url is not a file: URL inside some bundles
  }
  candidates.push(path.join(process.cwd(), "sandbox", "worker.ts"));
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  throw new Error(`sandbox worker not found (looked in ${candidates.join(", ")}); set SANDBOX_WORKER_PATH`);
}

export function errorResult(kind: ErrorKind, message: string, durationMs = 0): GradeResult {
  return { version: RESULT_VERSION, status: "error", tests: [], error: { kind, message }, durationMs: Math.round(durationMs) };
}

export class WorkerPool {
  private readonly size: number;
  private readonly workerPath: string;
  private readonly killMarginMs: number;
  private readonly maxQueue: number;
  private readonly maxWorkerRssMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private startupFailures = 0;
  /** Jobs queued or running; while non-zero a timer keeps the event loop (and thus the pool) alive. */
  private outstanding = 0;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(options: PoolOptions) {
    this.size = Math.max(1, Math.floor(options.workers));
    this.workerPath = options.workerPath ?? resolveWorkerPath();
    this.killMarginMs = options.killMarginMs ?? 1_500;
    this.maxQueue = options.maxQueue ?? 10_000;
    this.maxWorkerRssMb = options.maxWorkerRssMb ?? 1_024;
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  /** Number of live worker processes (for tests and health checks). */
  get workerCount(): number {
    return this.slots.length;
  }

  /** The pids of the worker processes (for tests and health checks). */
  get pids(): number[] {
    return this.slots.map((s) => s.child.pid ?? -1);
  }

  private spawn(): Slot {
    const child = fork(this.workerPath, [], {
      execArgv: ["--no-node-snapshot", "--disable-warning=ExperimentalWarning"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
      // TZ=UTC: Date's local-time methods inside the sandbox must not depend on the host.
      env: { ...process.env, NODE_OPTIONS: "", TZ: "UTC" },
    });
    const slot: Slot = { child, ready: false, task: null, timer: null, killedFor: null };
    child.unref();
    child.channel?.unref();
    child.on("message", (message: WorkerReply) => this.onMessage(slot, message));
    child.on("exit", (code, signal) => this.onExit(slot, code, signal));
    child.on("error", (error) => {
      console.error("[sandbox pool] worker error:", error);
    });
    return slot;
  }

  private onMessage(slot: Slot, message: WorkerReply): void {
    if (message.type === "ready") {
      slot.ready = true;
      this.startupFailures = 0;
      this.pump();
      return;
    }
    const task = slot.task;
    if (!task || task.request.id !== message.id) return;
    this.release(slot);
    const parsed = gradeResultSchema.safeParse(message.result);
    task.resolve(parsed.success ? (message.result as GradeResult) : errorResult("internal", "The grader produced an invalid result."));
    this.pump();
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const index = this.slots.indexOf(slot);
    const task = slot.task;
    const wasReady = slot.ready;
    this.release(slot);
    if (task) {
      const elapsed = performance.now() - task.enqueued;
      if (slot.killedFor === "timeout") {
        task.resolve(errorResult("timeout", `Your code did not finish within the time limit (${task.request.limits.timeoutMs} ms); the sandbox was stopped.`, elapsed));
      } else if (slot.killedFor === "memory") {
        task.resolve(
          errorResult(
            "memory",
            "Your code used too much memory outside the JavaScript heap (for example many Intl objects); the sandbox was stopped.",
            elapsed,
          ),
        );
      } else if (slot.killedFor === "internal") {
        task.resolve(errorResult("internal", "The grader stopped before your code finished.", elapsed));
      } else if (signal === "SIGSEGV" || signal === "SIGBUS") {
        task.resolve(errorResult("internal", "The sandbox process crashed while running your code; please try again.", elapsed));
      } else {
        // A worker that dies under a job almost always ran out of memory (V8 aborts the process).
        task.resolve(
          errorResult(
            "memory",
            `The sandbox process stopped while running your code (exit ${signal ?? code}). This usually means it used far more memory than allowed (${task.request.limits.memoryMb} MB).`,
            elapsed,
          ),
        );
      }
    }
    if (index < 0) return;
    if (this.closed) {
      this.slots.splice(index, 1);
      return;
    }
    if (!wasReady) this.startupFailures++;
    if (this.startupFailures >= STARTUP_FAILURES_BEFORE_GIVING_UP) {
      // Workers cannot start (broken install?): fail fast instead of respawning forever.
      this.slots.splice(index, 1);
      console.error(`[sandbox pool] workers keep failing to start (${this.workerPath})`);
      if (this.slots.length === 0) this.drainQueue("internal", "The grader could not start its sandbox processes.");
      return;
    }
    this.slots[index] = this.spawn();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && s.task === null && s.killedFor === null);
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.task = task;
      // Wall-time watchdog: the isolate enforces its own limits, this catches everything else
      // (a native hang, a blocked process). Kill, replace, report.
      slot.timer = setTimeout(() => {
        slot.killedFor ??= "timeout";
        slot.child.kill("SIGKILL");
      }, task.request.limits.timeoutMs + this.killMarginMs);
      slot.child.send(task.request, (error) => {
        if (error && slot.task === task) {
          slot.killedFor = "internal";
          slot.child.kill("SIGKILL");
        }
      });
    }
  }

  private drainQueue(kind: ErrorKind, message: string): void {
    for (const task of this.queue.splice(0)) task.resolve(errorResult(kind, message));
  }

  /** Runs one (already validated) job with resolved limits. Never rejects. */
  run(job: GradeJob, limits: Limits): Promise<GradeResult> {
    if (this.closed) return Promise.resolve(errorResult("internal", "The grader is closed."));
    if (this.slots.length === 0) return Promise.resolve(errorResult("internal", "The grader could not start its sandbox processes."));
    if (this.queue.length >= this.maxQueue) return Promise.resolve(errorResult("internal", "The grader is overloaded; try again in a moment."));
    this.track(+1);
    return new Promise<GradeResult>((resolve) => {
      const done = (result: GradeResult) => {
        this.track(-1);
        resolve(result);
      };
      this.queue.push({ request: { id: this.nextId++, job, limits }, resolve: done, enqueued: performance.now() });
      this.pump();
    });
  }

  /** Kills a busy worker whose resident memory passed its limit (see residentMb). */
  private checkMemory(): void {
    for (const slot of this.slots) {
      const task = slot.task;
      if (!task || slot.killedFor !== null) continue;
      const limitMb = Math.max(this.maxWorkerRssMb, 2 * task.request.limits.memoryMb + 512);
      const rss = residentMb(slot.child.pid);
      if (rss !== undefined && rss > limitMb) {
        slot.killedFor = "memory";
        slot.child.kill("SIGKILL");
      }
    }
  }

  // Workers are unref'd so an idle pool never holds a process open; a pending job does. The same
  // timer watches busy workers' memory.
  private track(delta: number): void {
    this.outstanding += delta;
    if (this.outstanding > 0 && !this.keepAlive) this.keepAlive = setInterval(() => this.checkMemory(), RSS_CHECK_MS);
    if (this.outstanding === 0 && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = null;
    }
  }

  /** Stops every worker; queued and running jobs get an "internal" error result. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.drainQueue("internal", "The grader was closed.");
    this.track(+1);
    const exits = this.slots.map(
      (slot) =>
        new Promise<void>((resolve) => {
          if (slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
          slot.child.once("exit", () => resolve());
          slot.killedFor = "internal";
          slot.child.kill("SIGKILL");
        }),
    );
    await Promise.all(exits);
    this.track(-1);
  }
}
