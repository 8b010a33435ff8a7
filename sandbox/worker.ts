/**
 * A grader worker process: `node --no-node-snapshot sandbox/worker.ts`, forked by the pool
 * (sandbox/pool.ts). It receives validated jobs over IPC, runs each in a fresh isolate and sends
 * back a GradeResult. If it hangs or bloats, the pool kills it; nothing here must keep it alive.
 */
import v8 from "node:v8";
import { buildBootSource, IsolateFactory } from "./isolate-factory.ts";
import { runCode } from "./run-code.ts";
import type { RunFile } from "./run-code.ts";
import { runMutation } from "./run-mutation.ts";
import { CHECK_SOURCE } from "./check/check-source.generated.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { DbSession } from "./db/session.ts";
import { createPreludeSeed, getPreludeSource, PRELUDE_SEED_GLOBAL } from "./prelude/index.ts";
import { RESULT_VERSION } from "./types.ts";
import type { CodeJob, GradeJob, GradeResult, Limits, SqlJob } from "./types.ts";
import type { WorkerReply, WorkerRequest } from "./pool.ts";

/** Recycle the process when it has grown this much (isolate memory is outside the JS heap). */
const RECYCLE_RSS_BYTES = 768 * 1024 * 1024;
const RECYCLE_AFTER_JOBS = 5_000;
/** The file name of the bundled fast-check inside the isolate (its frames never appear in messages). */
const CHECK_FILE = "fast-check";
/**
 * Under coverage (NODE_V8_COVERAGE, `npm run test:coverage`) the pool still kills a worker at a job's
 * time or memory limit, and a killed process writes no coverage: every job it ran would be lost, and
 * the figure would move with timing and load. So the worker writes what it has collected after each
 * job (v8.takeCoverage writes a file and resets the counters; c8 sums the files), and a kill loses at
 * most the job in progress. Off (the normal case), nothing is done.
 */
const COVERAGE = Boolean(process.env.NODE_V8_COVERAGE);

function codeSpecFiles(job: CodeJob): RunFile[] {
  const ext = job.language;
  // Learner files are modules like any other ("./store"); only test files are out of their reach
  // (the harness refuses them), and extra modules stay shared with the tests as before.
  const files: RunFile[] = job.files
    ? job.files.map((f) => ({ name: f.name, kind: "solution", source: f.source, learner: true }))
    : [{ name: `solution.${ext}`, kind: "solution", source: job.code ?? "", learner: true }];
  for (const [specifier, source] of Object.entries(job.modules ?? {})) {
    files.push({ name: `${specifier.slice(2)}.${ext}`, kind: "module", source, learner: false });
  }
  // A learner file called reference.ts would share the module key: then there is no reference.
  if (job.reference !== undefined && !files.some((f) => f.name.replace(/\.[a-z]+$/, "") === "reference")) {
    // Shown to nobody: toString and stack frames treat it as a hidden file.
    files.push({
      name: `reference.${ext}`,
      kind: "reference",
      source: job.reference,
      learner: false,
      guardSource: true,
    });
  }
  // fast-check is compiled into a context only when a test file names it (it is 170 kB).
  if (job.tests.some((t) => t.source.includes("fast-check")))
    files.push({ name: CHECK_FILE, kind: "library", source: CHECK_SOURCE, learner: false });
  // Visible test files load (and declare their tests) before hidden ones.
  for (const test of [...job.tests.filter((t) => !t.hidden), ...job.tests.filter((t) => t.hidden)]) {
    files.push({
      name: test.name,
      kind: test.hidden ? "hidden" : "test",
      source: test.source,
      learner: false,
    });
  }
  return files;
}

// Loaded on the first SQL job: workers that grade only code never load sql.js.
let sqlModule: typeof import("./sql/run-sql-job.ts") | undefined;

/** Runs a code job, with its database session when it declares one. */
async function runCodeJob(job: CodeJob, limits: Limits, factory: IsolateFactory): Promise<GradeResult> {
  const spec = { language: job.language, files: codeSpecFiles(job), limits, seed: job.seed };
  if (!job.database) return runCode(spec, factory);
  // The deadline is replaced by runCode's own when its clock starts (beginRun).
  const session = await DbSession.open(
    job.database,
    Math.min(256, Math.max(8, limits.memoryMb)),
    performance.now() + limits.timeoutMs,
  );
  try {
    return runCode({ ...spec, host: session }, factory);
  } finally {
    session.close();
  }
}

async function runSql(job: SqlJob, limits: Limits): Promise<GradeResult> {
  sqlModule ??= await import("./sql/run-sql-job.ts");
  return sqlModule.runSqlJob(job, limits);
}

async function main(): Promise<void> {
  const factory = new IsolateFactory(buildBootSource(getPreludeSource()), DEFAULT_LIMITS.memoryMb, {
    global: PRELUDE_SEED_GLOBAL,
    create: createPreludeSeed,
  });
  factory.prewarm();
  if (COVERAGE) v8.takeCoverage();
  let jobs = 0;
  // With a callback, a send to a parent that has already gone (a short-lived `npm run grade` that
  // exited while this worker was starting) is an ignored error, not an unhandled 'error' event.
  const send = (message: WorkerReply) => process.send?.(message, () => {});

  process.on("message", async (raw: WorkerRequest) => {
    const { id, job, limits } = raw as { id: number; job: GradeJob; limits: Limits };
    let result: GradeResult;
    try {
      if (job.kind === "code") result = await runCodeJob(job, limits, factory);
      else if (job.kind === "mutation") result = runMutation(job, limits, factory);
      else result = await runSql(job, limits);
    } catch (error) {
      console.error("[sandbox worker] grading failed:", error);
      result = {
        version: RESULT_VERSION,
        status: "error",
        tests: [],
        error: { kind: "internal", message: "The grader failed unexpectedly." },
        durationMs: 0,
      };
    }
    jobs++;
    // The "recycle me" signal: `recycle: true` on the reply (WorkerReply in pool.ts). The pool
    // replaces this process before giving it another job. Sent when the process state may be
    // damaged (an "internal" result: the grader itself failed; sql.js failed with a WebAssembly
    // trap or abort, whose memory may be corrupt) or when the process is retiring (RSS, job count).
    // Why: one SQL submission that trapped sql.js broke every later SQL job of its worker.
    const damaged = result.status === "error" && result.error?.kind === "internal";
    const engineDamaged = sqlModule?.takeSqlEngineDamage() ?? false;
    const retiring = process.memoryUsage().rss > RECYCLE_RSS_BYTES || jobs >= RECYCLE_AFTER_JOBS;
    const recycle = damaged || engineDamaged || retiring;
    send(recycle ? { type: "result", id, result, recycle: true } : { type: "result", id, result });
    if (recycle) {
      // Until the pool replaces it, this process must not reuse what may be damaged: a fresh
      // isolate (the SQL engine was already discarded by sandbox/sql).
      factory.dispose();
    }
    if (retiring) {
      // A clean exit after replying: the pool starts a fresh worker in this one's place.
      process.disconnect?.();
      process.exit(0);
    }
    setImmediate(() => {
      try {
        factory.prewarm();
      } catch (error) {
        console.error("[sandbox worker] could not prepare an isolate:", error);
      }
      if (COVERAGE) v8.takeCoverage();
    });
  });
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready" });
}

main().catch((error) => {
  console.error("[sandbox worker] failed to start:", error);
  process.exit(1);
});
