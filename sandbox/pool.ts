/**
 * A pool of grader worker processes with a fair scheduler. Learner code never runs in the process
 * that calls run(): each job goes to a forked `node --no-node-snapshot sandbox/worker.ts`, which
 * runs it in a fresh isolate.
 *
 * Scheduling: every job has an owner (an opaque string: a user, an API key's owner, a visitor's
 * address). A free worker takes the next job of the owner with the fewest jobs running, ties going
 * to the owner served longest ago (round robin), so one owner's flood waits behind everyone else's
 * single jobs instead of in front of them. Admission is bounded: at most `maxQueue` jobs wait in
 * all, at most `maxPending` run or wait per owner; beyond either, run() rejects with a
 * GraderBusyError that says when to retry. Nothing queues without end.
 *
 * Verdicts: a job's worker that the pool kills for the job's own sake (wall time, resident memory)
 * gives a timeout or memory result. A worker that dies for any other reason (killed from outside,
 * the OOM killer, a crash, a clean exit while recycling) or answers `internal` is not the learner's
 * doing: the job runs once more on a fresh worker, and if that fails too the result is an
 * `internal` error. A worker that answered `internal` is replaced before its next job.
 */
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
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
export type WorkerReply =
  { type: "ready" } | { type: "result"; id: number; result: GradeResult; recycle?: boolean };

export interface PoolOptions {
  /** Number of worker processes. */
  workers: number;
  /** Path of the worker entry (default: sandbox/worker.ts next to this file, or under cwd). */
  workerPath?: string;
  /** Extra time past a job's timeoutMs before its worker is killed (default 1500 ms). */
  killMarginMs?: number;
  /** Jobs that may wait for a worker, all owners together; beyond it run() rejects (default 10 000). */
  maxQueue?: number;
  /** Jobs one owner may have running or waiting at once, unless run() says otherwise (default: no limit). */
  maxPendingPerOwner?: number;
  /**
   * Resident memory (MB) a busy worker may reach before it is killed and its job gets a "memory"
   * error (default 1024; raised to 2 x memoryMb + 512 for jobs with a larger heap limit).
   */
  maxWorkerRssMb?: number;
  /** Bytes per second of a worker's stdout/stderr copied to this process's stderr (default 16 kB/s, 64 kB burst). */
  workerLogBytesPerSecond?: number;
}

export interface RunOptions {
  /** Who the job is for; jobs without an owner share one. */
  owner?: string;
  /** Overrides maxPendingPerOwner for this owner (visitors get fewer than accounts). */
  maxPending?: number;
  /** Called with the worker time (ms) each attempt used, for budgets measured in worker time. */
  onWorkerTime?: (ms: number) => void;
  /** Called once, when the job first reaches a worker, with the time (ms) it waited (metrics). */
  onStart?: (waitedMs: number) => void;
}

/** Why run() refused a job: the grader is full, the owner has too many jobs, or it is closed. */
export type BusyReason = "queue_full" | "owner_limit" | "closed";

/** run() refused the job without running it. Not a verdict: nothing about the code is known. */
export class GraderBusyError extends Error {
  readonly reason: BusyReason;
  /** A sensible wait before trying again, in whole seconds (>= 1). */
  readonly retryAfterSeconds: number;

  constructor(reason: BusyReason, message: string, retryAfterSeconds: number) {
    super(message);
    this.name = "GraderBusyError";
    this.reason = reason;
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}

/** Counters for health checks and tests. */
export interface PoolStats {
  workers: number;
  running: number;
  queued: number;
  owners: number;
  /** Jobs run again on a fresh worker because their first worker failed (since start). */
  retried: number;
  /** Workers replaced (exited, killed, recycled; since start). */
  replaced: number;
  /** Workers the pool killed for their job's sake (since start): wall time, resident memory. */
  killed: { timeout: number; memory: number };
}

interface Task {
  request: WorkerRequest;
  owner: Owner;
  resolve: (result: GradeResult) => void;
  reject: (error: Error) => void;
  enqueued: number;
  /** When the current attempt was handed to a worker. */
  started: number;
  /** Attempts so far (a job gets at most MAX_ATTEMPTS). */
  attempts: number;
  onWorkerTime?: (ms: number) => void;
  onStart?: (waitedMs: number) => void;
}

interface Owner {
  key: string;
  queue: Task[];
  running: number;
  /** Running + waiting, including a job waiting for its retry. */
  pending: number;
  /** Dispatch counter value when this owner was last served (round-robin tie-break). */
  lastServed: number;
}

/**
 * Stops an idle worker. Normally SIGKILL: nothing of it is worth waiting for. When coverage is being
 * collected (NODE_V8_COVERAGE, `npm run test:coverage`), a killed process writes no coverage, so the
 * worker is asked to exit instead (it exits when its IPC channel closes) and killed only if it has
 * not within 5 s.
 */
function stopWorker(child: ChildProcess): void {
  if (!process.env.NODE_V8_COVERAGE || !child.connected) {
    child.kill("SIGKILL");
    return;
  }
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  timer.unref();
  child.once("exit", () => clearTimeout(timer));
  child.disconnect();
}

/** Why the pool killed a worker, so the exit handler reports the right thing. */
type KillReason = "timeout" | "memory" | "recycle" | "closed";

interface Slot {
  child: ChildProcess;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  killedFor: KillReason | null;
  log: LogGate;
}

const STARTUP_FAILURES_BEFORE_GIVING_UP = 5;
/** How often busy workers' resident memory is checked. */
const RSS_CHECK_MS = 50;
/** A job runs at most twice: once, and once more on a fresh worker if the first was not its fault. */
const MAX_ATTEMPTS = 2;
/** A worker whose output was cut by this much is replaced after its current job (it is stuck printing). */
const LOG_DROP_RECYCLE_BYTES = 1024 * 1024;

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

/**
 * Copies a worker's output to our stderr through a token bucket. Why: a worker's output is not ours
 * to trust (sql.js's legacy functions printed 415 MB of warnings in 6.5 s on learner demand); past
 * the budget, output is read and dropped (never buffered), and a line says how much was dropped.
 */
class LogGate {
  private tokens: number;
  private updated = performance.now();
  private droppedSinceNotice = 0;
  private lastNotice = 0;
  dropped = 0;

  constructor(
    private readonly label: () => string,
    private readonly bytesPerSecond: number,
  ) {
    this.tokens = bytesPerSecond * 4;
  }

  write(chunk: Buffer): void {
    const now = performance.now();
    this.tokens = Math.min(
      this.bytesPerSecond * 4,
      this.tokens + ((now - this.updated) / 1000) * this.bytesPerSecond,
    );
    this.updated = now;
    if (chunk.length <= this.tokens) {
      this.tokens -= chunk.length;
      const lines = chunk.toString("utf8").replace(/\n$/, "").split("\n");
      // Long lines are cut so one line cannot dominate the log.
      // Through console (not stderr directly): a server that logs JSON (lib/ops/log.ts) makes each a log entry.
      for (const line of lines)
        console.error(
          `[sandbox worker ${this.label()}] ${line.length > 1000 ? `${line.slice(0, 1000)}... (cut)` : line}`,
        );
      return;
    }
    this.dropped += chunk.length;
    this.droppedSinceNotice += chunk.length;
    if (now - this.lastNotice > 10_000) this.flush(now);
  }

  flush(now = performance.now()): void {
    if (this.droppedSinceNotice === 0) return;
    console.error(
      `[sandbox worker ${this.label()}] ${this.droppedSinceNotice} bytes of output dropped (over ${this.bytesPerSecond} bytes/s)`,
    );
    this.droppedSinceNotice = 0;
    this.lastNotice = now;
  }
}

/** Finds sandbox/worker.ts whether we run from source (node, tsx) or bundled (Next.js, cwd = repo root). */
export function resolveWorkerPath(): string {
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.ts"));
  } catch {
    // import.meta.url is not a file: URL inside some bundles
  }
  candidates.push(path.join(process.cwd(), "sandbox", "worker.ts"));
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  throw new Error(
    `sandbox worker not found (looked in ${candidates.join(", ")}); pass workerPath (the server: SANDBOX_WORKER_PATH)`,
  );
}

/** An "error" result of the given kind. */
export function errorResult(kind: ErrorKind, message: string, durationMs = 0): GradeResult {
  return {
    version: RESULT_VERSION,
    status: "error",
    tests: [],
    error: { kind, message },
    durationMs: Math.round(durationMs),
  };
}

function isInternal(result: GradeResult): boolean {
  return result.status === "error" && result.error?.kind === "internal";
}

export class WorkerPool {
  private readonly size: number;
  private readonly workerPath: string;
  private readonly killMarginMs: number;
  private readonly maxQueue: number;
  private readonly maxPendingPerOwner: number;
  private readonly maxWorkerRssMb: number;
  private readonly logBytesPerSecond: number;
  private readonly slots: Slot[] = [];
  private readonly owners = new Map<string, Owner>();
  /** Jobs whose first worker failed: they go before everything else. */
  private readonly retries: Task[] = [];
  private queued = 0;
  private running = 0;
  private served = 0;
  private nextId = 1;
  private closed = false;
  private startupFailures = 0;
  private retried = 0;
  private replaced = 0;
  private readonly killed = { timeout: 0, memory: 0 };
  /** Recent worker time per job (ms), for Retry-After estimates. */
  private averageJobMs = 50;
  private readyWaiters: (() => void)[] = [];
  /** Jobs queued or running; while non-zero a timer keeps the event loop (and thus the pool) alive. */
  private outstanding = 0;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(options: PoolOptions) {
    this.size = Math.max(1, Math.floor(options.workers));
    this.workerPath = options.workerPath ?? resolveWorkerPath();
    this.killMarginMs = options.killMarginMs ?? 1_500;
    this.maxQueue = options.maxQueue ?? 10_000;
    this.maxPendingPerOwner = options.maxPendingPerOwner ?? Number.POSITIVE_INFINITY;
    this.maxWorkerRssMb = options.maxWorkerRssMb ?? 1_024;
    this.logBytesPerSecond = options.workerLogBytesPerSecond ?? 16 * 1024;
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

  /** Counters for health checks and tests. */
  stats(): PoolStats {
    return {
      workers: this.slots.length,
      running: this.running,
      queued: this.queued + this.retries.length,
      owners: this.owners.size,
      retried: this.retried,
      replaced: this.replaced,
      killed: { ...this.killed },
    };
  }

  /** Resolves once every worker has started and prepared its first isolate (or the pool gave up). */
  whenReady(): Promise<void> {
    if (this.allReady()) return Promise.resolve();
    // Workers are unref'd: a pending wait must keep the process alive, as a pending job does.
    this.track(+1);
    return new Promise((resolve) =>
      this.readyWaiters.push(() => {
        this.track(-1);
        resolve();
      }),
    );
  }

  private allReady(): boolean {
    return this.closed || this.slots.length === 0 || this.slots.every((s) => s.ready);
  }

  private spawn(): Slot {
    const child = fork(this.workerPath, [], {
      execArgv: ["--no-node-snapshot", "--disable-warning=ExperimentalWarning"],
      // Output goes through a rate-limited gate (LogGate), never straight into the server's log.
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
      // A process group of its own: a Ctrl-C or a SIGTERM sent to the server's group must not kill
      // workers mid-job (the server drains first); a worker exits when its IPC channel closes.
      detached: true,
      // TZ=UTC: Date's local-time methods inside the sandbox must not depend on the host.
      env: { ...process.env, NODE_OPTIONS: "", TZ: "UTC" },
    });
    const log = new LogGate(() => String(child.pid ?? "?"), this.logBytesPerSecond);
    const slot: Slot = { child, ready: false, task: null, timer: null, killedFor: null, log };
    for (const stream of [child.stdout, child.stderr] as (Readable | null)[]) {
      if (!stream) continue;
      stream.on("data", (chunk: Buffer) => {
        log.write(chunk);
        if (log.dropped > LOG_DROP_RECYCLE_BYTES && slot.killedFor === null && slot.task === null)
          this.recycle(slot);
      });
      (stream as Readable & { unref?: () => void }).unref?.();
    }
    child.unref();
    child.channel?.unref();
    child.on("message", (message: WorkerReply) => this.onMessage(slot, message));
    child.on("exit", (code, signal) => this.onExit(slot, code, signal));
    child.on("error", (error) => {
      console.error("[sandbox pool] worker error:", error);
    });
    return slot;
  }

  /** Replaces an idle worker: killed now, a fresh one spawned by onExit. */
  private recycle(slot: Slot): void {
    slot.killedFor = "recycle";
    stopWorker(slot.child);
  }

  private onMessage(slot: Slot, message: WorkerReply): void {
    if (message.type === "ready") {
      slot.ready = true;
      this.startupFailures = 0;
      this.notifyReady();
      this.pump();
      return;
    }
    const task = slot.task;
    if (!task || task.request.id !== message.id) return;
    this.release(slot);
    const parsed = gradeResultSchema.safeParse(message.result);
    const result = parsed.success
      ? (message.result as GradeResult)
      : errorResult("internal", "The grader produced an invalid result.");
    // A worker that failed internally may be damaged (a WebAssembly trap leaves sql.js's memory
    // overwritten): replace it before it takes another job.
    const damaged =
      message.recycle === true || isInternal(result) || slot.log.dropped > LOG_DROP_RECYCLE_BYTES;
    if (damaged && slot.killedFor === null) this.recycle(slot);
    if (isInternal(result) && task.attempts < MAX_ATTEMPTS && !this.closed) this.retry(task);
    else this.settle(task, result);
    this.pump();
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const index = this.slots.indexOf(slot);
    const task = slot.task;
    const wasReady = slot.ready;
    this.release(slot);
    slot.log.flush();
    if (task) {
      const elapsed = performance.now() - task.enqueued;
      if (slot.killedFor === "timeout") {
        this.killed.timeout++;
        this.settle(
          task,
          errorResult(
            "timeout",
            `Your code did not finish within the time limit (${task.request.limits.timeoutMs} ms); the sandbox was stopped.`,
            elapsed,
          ),
        );
      } else if (slot.killedFor === "memory") {
        this.killed.memory++;
        this.settle(
          task,
          errorResult(
            "memory",
            "Your code used too much memory outside the JavaScript heap (for example many Intl objects); the sandbox was stopped.",
            elapsed,
          ),
        );
      } else if (slot.killedFor === "closed" || this.closed) {
        this.settle(
          task,
          new GraderBusyError("closed", "The grader was closed before this job finished.", 5),
        );
      } else if (task.attempts < MAX_ATTEMPTS) {
        // Not the pool's doing, so not attributable to the job: killed from outside (an operator,
        // the OOM killer), a crash, or a worker exiting to recycle as the job reached it.
        console.error(
          `[sandbox pool] worker ${slot.child.pid} stopped under a job (exit ${signal ?? code}); running the job again on a fresh worker`,
        );
        this.retry(task);
      } else {
        console.error(
          `[sandbox pool] worker ${slot.child.pid} stopped under a job again (exit ${signal ?? code}); reporting an internal error`,
        );
        this.settle(
          task,
          errorResult(
            "internal",
            "The grader's sandbox process stopped twice while running this code, which is not a verdict on it. Please try again.",
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
      if (this.slots.length === 0) {
        this.drainQueue((task) =>
          this.settle(task, errorResult("internal", "The grader could not start its sandbox processes.")),
        );
        this.notifyReady();
      }
      return;
    }
    this.replaced++;
    this.slots[index] = this.spawn();
    this.pump();
  }

  private notifyReady(): void {
    if (!this.allReady()) return;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  /** Clears the slot's job; counts the attempt's worker time. */
  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const task = slot.task;
    slot.task = null;
    if (!task) return;
    task.owner.running--;
    this.running--;
    const ms = performance.now() - task.started;
    this.averageJobMs = this.averageJobMs * 0.9 + ms * 0.1;
    try {
      task.onWorkerTime?.(ms);
    } catch (error) {
      console.error("[sandbox pool] onWorkerTime failed:", error);
    }
  }

  private retry(task: Task): void {
    this.retried++;
    this.retries.push(task);
  }

  /** Resolves (a result) or rejects (a busy error) a job for good. */
  private settle(task: Task, outcome: GradeResult | GraderBusyError): void {
    const owner = task.owner;
    owner.pending--;
    if (owner.pending === 0 && owner.queue.length === 0) this.owners.delete(owner.key);
    if (outcome instanceof GraderBusyError) task.reject(outcome);
    else task.resolve(outcome);
  }

  /** The next job: retries first, then the waiting owner with the fewest running jobs, longest unserved. */
  private next(): Task | undefined {
    const retry = this.retries.shift();
    if (retry) return retry;
    let best: Owner | undefined;
    for (const owner of this.owners.values()) {
      if (owner.queue.length === 0) continue;
      if (
        !best ||
        owner.running < best.running ||
        (owner.running === best.running && owner.lastServed < best.lastServed)
      )
        best = owner;
    }
    if (!best) return undefined;
    this.queued--;
    return best.queue.shift();
  }

  private pump(): void {
    for (;;) {
      const slot = this.slots.find((s) => s.ready && s.task === null && s.killedFor === null);
      if (!slot) return;
      const task = this.next();
      if (!task) return;
      task.attempts++;
      task.started = performance.now();
      if (task.attempts === 1) task.onStart?.(task.started - task.enqueued);
      task.owner.running++;
      task.owner.lastServed = ++this.served;
      this.running++;
      slot.task = task;
      // Wall-time watchdog: the isolate enforces its own limits, this catches everything else
      // (a native hang, a blocked process). Kill, replace, report.
      slot.timer = setTimeout(() => {
        slot.killedFor ??= "timeout";
        slot.child.kill("SIGKILL");
      }, task.request.limits.timeoutMs + this.killMarginMs);
      slot.child.send(task.request, (error) => {
        // The worker is gone or going: its exit hands the job to a fresh worker.
        if (error && slot.task === task) slot.child.kill("SIGKILL");
      });
    }
  }

  private drainQueue(settle: (task: Task) => void): void {
    const waiting = [...this.retries.splice(0)];
    for (const owner of this.owners.values()) waiting.push(...owner.queue.splice(0));
    this.queued = 0;
    for (const task of waiting) settle(task);
  }

  private retryAfter(jobsAhead: number): number {
    return Math.min(60, (jobsAhead * this.averageJobMs) / this.size / 1000);
  }

  /**
   * Runs one (already validated) job with resolved limits. Resolves with its result; rejects only
   * with a GraderBusyError when the job was refused (queue full, owner over its limit, closed).
   */
  run(job: GradeJob, limits: Limits, options: RunOptions = {}): Promise<GradeResult> {
    if (this.closed)
      return Promise.reject(
        new GraderBusyError("closed", "The grader is shutting down; try again in a moment.", 5),
      );
    if (this.slots.length === 0)
      return Promise.resolve(errorResult("internal", "The grader could not start its sandbox processes."));
    const key = options.owner ?? "";
    const owner = this.owners.get(key) ?? { key, queue: [], running: 0, pending: 0, lastServed: 0 };
    const maxPending = options.maxPending ?? this.maxPendingPerOwner;
    if (owner.pending >= maxPending) {
      return Promise.reject(
        new GraderBusyError(
          "owner_limit",
          `At most ${maxPending} grading jobs may run or wait at once for one user.`,
          (owner.pending * this.averageJobMs) / 1000,
        ),
      );
    }
    if (this.queued >= this.maxQueue) {
      return Promise.reject(
        new GraderBusyError(
          "queue_full",
          "The grader is busy: too many jobs are waiting.",
          this.retryAfter(this.queued + this.running),
        ),
      );
    }
    this.owners.set(key, owner);
    owner.pending++;
    this.track(+1);
    return new Promise<GradeResult>((resolve, reject) => {
      const task: Task = {
        request: { id: this.nextId++, job, limits },
        owner,
        resolve: (result) => {
          this.track(-1);
          resolve(result);
        },
        reject: (error) => {
          this.track(-1);
          reject(error);
        },
        enqueued: performance.now(),
        started: 0,
        attempts: 0,
        onWorkerTime: options.onWorkerTime,
        onStart: options.onStart,
      };
      owner.queue.push(task);
      this.queued++;
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
    if (this.outstanding > 0 && !this.keepAlive)
      this.keepAlive = setInterval(() => this.checkMemory(), RSS_CHECK_MS);
    if (this.outstanding === 0 && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = null;
    }
  }

  /** Stops every worker; waiting and running jobs are rejected with a GraderBusyError ("closed"). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.drainQueue((task) =>
      this.settle(task, new GraderBusyError("closed", "The grader was closed before this job ran.", 5)),
    );
    this.notifyReady();
    this.track(+1);
    const exits = this.slots.map(
      (slot) =>
        new Promise<void>((resolve) => {
          if (slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
          slot.child.once("exit", () => resolve());
          slot.killedFor = "closed";
          stopWorker(slot.child);
        }),
    );
    await Promise.all(exits);
    this.track(-1);
  }
}
