/**
 * The server's grader and its admission policy: who may queue how much, visitors' worker-time
 * budget, and draining on shutdown. Policy and defaults are documented in sandbox/README.md
 * ("Fair grading"); every number comes from lib/env.ts.
 *
 * All state lives on globalThis: Next.js bundles this module separately for route handlers, pages
 * and instrumentation.ts, and they must share one pool, one set of budgets and one drain state.
 */
import "server-only";
import {
  getGrader,
  GraderBusyError,
  type GradeJob,
  type GradeResult,
  type Grader,
} from "../../sandbox/index.ts";
import { env } from "../env.ts";
import { AppError } from "../errors.ts";
import { createSharedWorkerTimeBudget } from "../db/buckets.ts";
import { getMetrics, setGraderStatsSource } from "../ops/metrics.ts";

/** Who a grade is for: fairness and limits are per account (web or API key owner) or per visitor address. */
export type GradeOwner = { kind: "user"; id: string } | { kind: "visitor"; address: string };

type GradingState = {
  draining: boolean;
  inFlight: number;
  idleWaiters: (() => void)[];
  /** In the database: one budget per visitor across app servers, kept over restarts. */
  visitorBudget: ReturnType<typeof createSharedWorkerTimeBudget>;
};

const STATE_KEY = Symbol.for("serverside.grading.state");
const processGlobal = globalThis as typeof globalThis & { [STATE_KEY]?: GradingState };

function state(): GradingState {
  processGlobal[STATE_KEY] ??= {
    draining: false,
    inFlight: 0,
    idleWaiters: [],
    visitorBudget: createSharedWorkerTimeBudget({
      msPerMinute: env.GRADER_VISITOR_WORKER_SECONDS_PER_MINUTE * 1000,
    }),
  };
  return processGlobal[STATE_KEY];
}

/** The process's one grader pool, sized and bounded by lib/env.ts (created on first use). */
export function getServerGrader(): Grader {
  const grader = getGrader({
    workers: env.SANDBOX_WORKERS,
    workerPath: env.SANDBOX_WORKER_PATH,
    maxQueue: env.GRADER_MAX_QUEUE,
    maxPendingPerOwner: env.GRADER_MAX_PENDING_PER_USER,
  });
  setGraderStatsSource(() => grader.stats());
  return grader;
}

/**
 * Starts the worker processes and waits until they are ready, so the first grades after a start
 * are as fast as the rest (called from instrumentation.ts when the server starts).
 */
export async function startGrader(): Promise<void> {
  await getServerGrader().whenReady();
}

/**
 * Grades `job` for `owner` under the admission policy. Throws AppError `rate_limited` (429: this
 * owner has too many jobs or, for a visitor, has used its worker time) or `unavailable` (503: the
 * queue is full or the pool closed), each with retryAfterSeconds; never a verdict. Draining is
 * checked by trackGrade, which admits a grade as a whole.
 */
export async function gradeForOwner(job: GradeJob, owner: GradeOwner | null): Promise<GradeResult> {
  const s = state();
  const metrics = getMetrics();
  const visitorKey = owner?.kind === "visitor" ? `visitor:${owner.address}` : null;
  if (visitorKey) {
    const allowed = await s.visitorBudget.check(visitorKey);
    if (!allowed.ok) {
      metrics.gradesRefused.inc({ reason: "visitor_budget" });
      throw new AppError(
        "rate_limited",
        `Visitors get ${env.GRADER_VISITOR_WORKER_SECONDS_PER_MINUTE} s of grading time a minute, and your recent runs used it. Wait ${allowed.retryAfterSeconds} s, or sign in for more.`,
        { retryAfterSeconds: allowed.retryAfterSeconds },
      );
    }
  }
  const started = performance.now();
  try {
    const result = await getServerGrader().grade(job, {
      owner: owner ? (owner.kind === "user" ? `user:${owner.id}` : visitorKey!) : undefined,
      maxPending: owner?.kind === "visitor" ? env.GRADER_MAX_PENDING_PER_VISITOR : undefined,
      onWorkerTime: visitorKey
        ? (ms) =>
            void s.visitorBudget
              .charge(visitorKey, ms)
              .catch((error: unknown) => console.error("[grader] charging worker time", error))
        : undefined,
      onStart: (waitedMs) => metrics.gradeQueueWait.observe(waitedMs / 1000),
    });
    metrics.gradeDuration.observe({ kind: job.kind }, (performance.now() - started) / 1000);
    metrics.verdicts.inc({
      status: result.status,
      error_kind: result.status === "error" ? (result.error?.kind ?? "unknown") : "",
    });
    return result;
  } catch (error) {
    if (!(error instanceof GraderBusyError)) throw error;
    metrics.gradesRefused.inc({ reason: error.reason });
    const retryAfterSeconds = error.retryAfterSeconds;
    if (error.reason === "owner_limit") {
      const limit =
        owner?.kind === "visitor" ? env.GRADER_MAX_PENDING_PER_VISITOR : env.GRADER_MAX_PENDING_PER_USER;
      throw new AppError(
        "rate_limited",
        `You already have ${limit} submissions being graded; wait for them to finish (about ${retryAfterSeconds} s).`,
        { retryAfterSeconds },
      );
    }
    const message =
      error.reason === "closed"
        ? "The server is restarting; try again in a few seconds."
        : `The grader is busy right now: too many submissions are waiting. Try again in ${retryAfterSeconds} s.`;
    throw new AppError("unavailable", message, { retryAfterSeconds });
  }
}

/**
 * Runs `work` (a grade and its recording) as one grade in flight: refused with 503 once the server
 * is draining, and waited for by waitForGradesInFlight.
 */
export async function trackGrade<T>(work: () => Promise<T>): Promise<T> {
  const s = state();
  if (s.draining) {
    getMetrics().gradesRefused.inc({ reason: "draining" });
    throw new AppError(
      "unavailable",
      "The server is restarting and takes no new submissions; try again in a few seconds.",
      { retryAfterSeconds: 5 },
    );
  }
  s.inFlight++;
  try {
    return await work();
  } finally {
    s.inFlight--;
    if (s.inFlight === 0) for (const resolve of s.idleWaiters.splice(0)) resolve();
  }
}

/** Stops accepting new grades (they get 503 with Retry-After); grades already admitted go on. */
export function stopAcceptingGrades(): void {
  state().draining = true;
}

/** Resolves true when no grade is in flight, or false after `timeoutMs`. */
export function waitForGradesInFlight(timeoutMs: number): Promise<boolean> {
  const s = state();
  if (s.inFlight === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
    s.idleWaiters.push(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Whether the server is draining for a stop (readiness answers 503 then). */
export function isDraining(): boolean {
  return state().draining;
}

/** Grades in flight right now (health checks, tests). */
export function gradesInFlight(): number {
  return state().inFlight;
}
