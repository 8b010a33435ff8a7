/**
 * Prometheus metrics for one server process (prom-client). Served at /metrics by scripts/server.ts
 * only when METRICS_TOKEN is set, and then only to `Authorization: Bearer <METRICS_TOKEN>`.
 *
 * The registry and every metric live on globalThis: scripts/server.ts (HTTP timings) and the copies of
 * lib/ that Next.js bundles (grading) must record into the same objects. No "server-only" import:
 * scripts/server.ts loads this file without Next's conditions. Names and labels are documented in
 * docs/deployment.md ("Metrics"); label values come from small fixed sets, never from user input.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Pool counters read at scrape time (the grader's PoolStats, without importing sandbox/ here). */
export type GraderStatsSource = () => {
  workers: number;
  running: number;
  queued: number;
  retried: number;
  replaced: number;
  killed: { timeout: number; memory: number };
};

type Metrics = {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  gradeDuration: Histogram<"kind">;
  gradeQueueWait: Histogram;
  verdicts: Counter<"status" | "error_kind">;
  gradesRefused: Counter<"reason">;
  graderStats: { source: GraderStatsSource | null };
};

const METRICS_KEY = Symbol.for("serverside.ops.metrics");
const processGlobal = globalThis as typeof globalThis & { [METRICS_KEY]?: Metrics };

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "serverside_" });
  const graderStats: Metrics["graderStats"] = { source: null };
  const stats = () => graderStats.source?.();
  const gauge = (name: string, help: string, read: (s: NonNullable<ReturnType<typeof stats>>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const s = stats();
        if (s) this.set(read(s));
      },
    });
  gauge("serverside_grader_workers", "Grader worker processes alive.", (s) => s.workers);
  gauge("serverside_grader_running", "Grading jobs running on a worker now.", (s) => s.running);
  gauge("serverside_grader_queue_depth", "Grading jobs waiting for a worker now.", (s) => s.queued);
  // Cumulative pool counters, copied from the pool at scrape time.
  const copied = (
    name: string,
    help: string,
    labelNames: string[],
    read: (s: NonNullable<ReturnType<typeof stats>>) => [Record<string, string>, number][],
  ) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        const s = stats();
        if (!s) return;
        this.reset();
        for (const [labels, value] of read(s)) this.inc(labels, value);
      },
    });
  copied(
    "serverside_grader_worker_restarts_total",
    "Grader workers replaced by a fresh process (killed, crashed or recycled).",
    [],
    (s) => [[{}, s.replaced]],
  );
  copied(
    "serverside_grader_worker_kills_total",
    "Grader workers killed by the pool for their job: wall time or resident memory.",
    ["reason"],
    (s) => [
      [{ reason: "timeout" }, s.killed.timeout],
      [{ reason: "memory" }, s.killed.memory],
    ],
  );
  copied(
    "serverside_grader_job_retries_total",
    "Jobs run again on a fresh worker because their first worker failed.",
    [],
    (s) => [[{}, s.retried]],
  );
  return {
    registry,
    graderStats,
    httpDuration: new Histogram({
      name: "serverside_http_request_duration_seconds",
      help: "HTTP requests, from the first byte read to the response finished.",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    gradeDuration: new Histogram({
      name: "serverside_grade_duration_seconds",
      help: "Grades, from admission to verdict (queue wait included).",
      labelNames: ["kind"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    gradeQueueWait: new Histogram({
      name: "serverside_grade_queue_wait_seconds",
      help: "Time a grading job waited for a worker.",
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    verdicts: new Counter({
      name: "serverside_grade_verdicts_total",
      help: "Grades finished, by verdict (error_kind is set for status=error).",
      labelNames: ["status", "error_kind"],
      registers: [registry],
    }),
    gradesRefused: new Counter({
      name: "serverside_grades_refused_total",
      help: "Grades refused unrun: queue_full, owner_limit, closed (restarting), visitor_budget, draining.",
      labelNames: ["reason"],
      registers: [registry],
    }),
  };
}

/** The process's metrics (created on first use). */
export function getMetrics(): Metrics {
  processGlobal[METRICS_KEY] ??= createMetrics();
  return processGlobal[METRICS_KEY];
}

/** Lets the gauges and counters read the grader pool's counters at scrape time. */
export function setGraderStatsSource(source: GraderStatsSource): void {
  getMetrics().graderStats.source = source;
}

/**
 * The route label for a request path: a fixed set, so a client cannot create label values (and
 * memory) by requesting made-up paths. API paths are matched to their route template by the caller.
 */
export function routeLabel(pathname: string, apiTemplate: string | null): string {
  if (apiTemplate) return apiTemplate;
  if (pathname.startsWith("/api/v1/")) return "/api/v1/(unknown)";
  if (pathname.startsWith("/api/auth/")) return "/api/auth";
  if (pathname === "/api/health" || pathname === "/api/ready" || pathname === "/metrics") return pathname;
  if (pathname.startsWith("/api/")) return "/api/(other)";
  if (pathname.startsWith("/_next/")) return "/_next";
  return "(page)";
}
