/**
 * The grader's public API. Route handlers and scripts import this file; it never loads
 * isolated-vm itself (that happens only in the worker processes it starts).
 *
 *   const result = await getGrader().grade({ kind: "code", language: "ts", code, tests });
 */
import { randomInt } from "node:crypto";
import os from "node:os";
import { resolveLimits } from "./limits.ts";
import { errorResult, WorkerPool } from "./pool.ts";
import type { PoolStats, RunOptions } from "./pool.ts";
import { gradeJobSchema } from "./schema.ts";
import type { GradeJob, GradeResult } from "./types.ts";

export { DEFAULT_LIMITS, MAX_LIMITS } from "./limits.ts";
export { gradeResultSchema } from "./schema.ts";
export { toLearnerView } from "./disclosure.ts";
export { RESULT_VERSION } from "./types.ts";
export type * from "./types.ts";
export { GraderBusyError } from "./pool.ts";
export type { BusyReason, PoolStats, RunOptions } from "./pool.ts";

export interface GraderOptions {
  /** Worker processes (default: the number of CPUs; the server passes SANDBOX_WORKERS from lib/env.ts). */
  workers?: number;
  /** Path of sandbox/worker.ts when it cannot be found next to this file or under cwd. */
  workerPath?: string;
  /** Extra wall time past a job's limit before its worker is killed (default 1500 ms). */
  killMarginMs?: number;
  /** Resident memory (MB) a busy worker may reach before it is killed (default 1024). */
  maxWorkerRssMb?: number;
  /** Jobs that may wait for a worker, all owners together (default 10 000); beyond it grade() rejects. */
  maxQueue?: number;
  /** Jobs one owner may have running or waiting (default: no limit); beyond it grade() rejects. */
  maxPendingPerOwner?: number;
}

export interface Grader {
  /**
   * Grades one job for `options.owner` (fair scheduling, see pool.ts). Never rejects for anything a
   * job or learner code can cause; rejects with a GraderBusyError when the job was refused unrun
   * (the queue or the owner's share is full, or the grader is closed).
   */
  grade(job: GradeJob, options?: RunOptions): Promise<GradeResult>;
  /** Stops the worker processes; waiting and running jobs are refused (GraderBusyError "closed"). */
  close(): Promise<void>;
  /** Process ids of the current workers (health checks, tests). */
  workerPids(): number[];
  /** Running and waiting jobs, workers, retries (health checks, tests). */
  stats(): PoolStats;
  /** Resolves when every worker has started and prepared its first isolate. */
  whenReady(): Promise<void>;
}

function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** Validates a job at the trust boundary; returns an error result for anything invalid. */
export function validateJob(job: unknown): { ok: true; job: GradeJob } | { ok: false; result: GradeResult } {
  const parsed = gradeJobSchema.safeParse(job);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(job)"}: ${i.message}`)
      .join("; ");
    const isLimit = parsed.error.issues.some((i) => i.path[0] === "limits" || i.code === "too_big");
    return {
      ok: false,
      result: errorResult(isLimit ? "limit" : "internal", `Invalid grading job: ${issues}`),
    };
  }
  return { ok: true, job: parsed.data as GradeJob };
}

/** Creates a grader with its own pool of worker processes. */
export function createGrader(options: GraderOptions = {}): Grader {
  const pool = new WorkerPool({
    workers: options.workers ?? defaultWorkers(),
    workerPath: options.workerPath,
    killMarginMs: options.killMarginMs,
    maxWorkerRssMb: options.maxWorkerRssMb,
    maxQueue: options.maxQueue,
    maxPendingPerOwner: options.maxPendingPerOwner,
  });
  return {
    async grade(input: GradeJob, runOptions?: RunOptions): Promise<GradeResult> {
      const started = performance.now();
      const checked = validateJob(input);
      if (!checked.ok) return checked.result;
      const job = checked.job;
      const limits = resolveLimits(job.limits);
      const learnerSources =
        job.kind === "mutation"
          ? [job.tests]
          : job.kind === "code" && job.files
            ? job.files.map((f) => f.source)
            : [job.code ?? ""];
      // The limit is on the total: splitting code across files must not multiply it.
      const size = learnerSources.reduce((sum, source) => sum + Buffer.byteLength(source, "utf8"), 0);
      if (size > limits.sourceBytes) {
        const what =
          learnerSources.length > 1
            ? `Your ${learnerSources.length} files are ${size} bytes together`
            : `Your code is ${size} bytes`;
        return errorResult(
          "limit",
          `${what}; the limit is ${limits.sourceBytes} bytes.`,
          performance.now() - started,
        );
      }
      if (job.kind !== "code") return pool.run(job, limits, runOptions);
      // Every code job runs with a seed, so any grade can be replayed (GradeResult.seed).
      const seed = job.seed ?? randomInt(0x80000000);
      const result = await pool.run({ ...job, seed }, limits, runOptions);
      return { ...result, seed };
    },
    close: () => pool.close(),
    workerPids: () => pool.pids,
    stats: () => pool.stats(),
    whenReady: () => pool.whenReady(),
  };
}

// On globalThis, not in a module variable: Next.js bundles this file separately for route handlers,
// pages and instrumentation, and each copy must find the same pool (one pool per server process).
const GRADER_KEY = Symbol.for("serverside.sandbox.grader");
const processGlobal = globalThis as typeof globalThis & { [GRADER_KEY]?: Grader };

/**
 * The process-wide grader, created on first use: `options` (default: one worker per CPU, no owner
 * limits) apply only to the call that creates it.
 */
export function getGrader(options?: GraderOptions): Grader {
  processGlobal[GRADER_KEY] ??= createGrader(options);
  return processGlobal[GRADER_KEY];
}
