/**
 * Grades an SQL exercise: for each dataset, a fresh SQLite database (sql.js, in memory) seeded
 * with the dataset runs the reference solution, another fresh one runs the learner's SQL, and the
 * results are compared ("rows": the last statement's result set; "tables": the final contents of
 * the listed tables). Each dataset is one test, "dataset <name>".
 */
import { RESULT_VERSION } from "../types.ts";
import type { GradeError, GradeResult, Limits, SqlJob, TestResult } from "../types.ts";
import { compareRows, compareTable } from "./compare-results.ts";
import type { Comparison, TableSnapshot } from "./compare-results.ts";
import {
  asSqliteError,
  describeSchema,
  discardSqlJs,
  executeSql,
  loadSqlJs,
  openDatabase,
  readTable,
} from "./execute-sql.ts";
import type { ExecBounds, ResultSet, SqlFailure } from "./execute-sql.ts";
import { isBlankSql, lineAt, refusalOf } from "./sql-text.ts";
import {
  compareProbes,
  comparePlans,
  planShape,
  ProbeTimeout,
  runProbes,
  splitStatements,
} from "./checks.ts";
import type { SplitStatement } from "./checks.ts";

/** Rows one statement may return (the learner's and the reference's alike). */
export const MAX_RESULT_ROWS = 10_000;
/** Characters one statement's result may hold. */
const MAX_RESULT_CHARS = 4_000_000;
/** Statements learner code may run. */
const MAX_LEARNER_STATEMENTS = 500;
/** SQLite's memory (hard_heap_limit) and database size stay within [8, 256] MB whatever limits say. */
const MIN_SQL_MB = 8;
const MAX_SQL_MB = 256;

const HIDDEN_RUNTIME_MESSAGE =
  "Your SQL failed with an error on this hidden dataset (SQLite's message is not shown: it can quote hidden data). Check how it handles NULLs, duplicates, empty tables and unusual values.";

const HIDDEN_COMPILE_MESSAGE =
  "Your SQL names a table or column that this hidden dataset does not have, or does not compile on it (the details are not shown: they describe hidden data).";

type Expected = { mode: "rows"; result: ResultSet } | { mode: "tables"; tables: Map<string, TableSnapshot> };

/** A failure of the exercise itself (seed or reference solution): never the learner's fault. */
class ExerciseError extends Error {}

/**
 * The job's time ran out while a seed or the reference solution ran. That is the job's deadline (on a
 * loaded machine, or with many datasets), not a broken exercise: a timeout, like the learner's own.
 */
class TrustedTimeout extends Error {}

/** Runs trusted SQL (a seed, the reference solution); a failure means the exercise is broken. */
function executeSqlOrThrow(
  db: Parameters<typeof executeSql>[0],
  sql: string,
  bounds: ExecBounds,
  what: string,
): void {
  const outcome = executeSql(db, sql, bounds);
  if (!outcome.ok && outcome.error.kind === "timeout") throw new TrustedTimeout();
  if (!outcome.ok) throw new ExerciseError(`${what}: ${outcome.error.message}`);
}

function capQuery(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return `The query: ${one.length > 300 ? `${one.slice(0, 300)} …` : one}`;
}

function failureMessage(failure: SqlFailure): string {
  const where = failure.statement
    ? `\n\nIn the statement starting on line ${failure.line ?? "?"}:\n  ${failure.statement}`
    : "";
  return `${failure.message}${where}`;
}

/**
 * Runs one SQL job within `limits` (timeoutMs for the whole job, memoryMb for SQLite's heap and
 * database size). Never throws for anything learner SQL can cause.
 */
let engineDamaged = false;

/**
 * True once a job of this process saw sql.js fail (not an SQLite error): the worker then asks to be
 * recycled. Reading it resets it.
 */
export function takeSqlEngineDamage(): boolean {
  const damaged = engineDamaged;
  engineDamaged = false;
  return damaged;
}

export async function runSqlJob(job: SqlJob, limits: Limits): Promise<GradeResult> {
  const started = performance.now();
  const deadline = started + limits.timeoutMs;
  const tests: TestResult[] = [];
  const finish = (status: GradeResult["status"], error?: GradeError): GradeResult => ({
    version: RESULT_VERSION,
    status,
    tests,
    ...(error ? { error } : {}),
    durationMs: Math.round(performance.now() - started),
  });

  if (Buffer.byteLength(job.code, "utf8") > limits.sourceBytes) {
    return finish("error", {
      kind: "limit",
      message: `Your SQL is longer than ${limits.sourceBytes} bytes.`,
    });
  }
  if (isBlankSql(job.code)) {
    tests.push({
      name: "your SQL",
      status: "fail",
      message: "Write a query: the editor holds no SQL statement yet.",
      durationMs: 0,
    });
    return finish("fail");
  }

  // Refused words are found before anything runs, so the learner gets our explanation rather than
  // SQLite's (load_extension, for one, is not even compiled in). executeSql checks each statement too.
  const refusal = refusalOf(job.code);
  if (refusal !== null) {
    const line = lineAt(job.code, refusal.offset);
    tests.push({
      name: "your SQL",
      status: "error",
      message: `${refusal.message} (line ${line})`,
      durationMs: 0,
    });
    return finish("error", { kind: "compile", message: refusal.message, line });
  }

  const SQL = await loadSqlJs();
  const memoryMb = Math.min(MAX_SQL_MB, Math.max(MIN_SQL_MB, limits.memoryMb));
  const trusted: ExecBounds = {
    deadline,
    maxStatements: 1_000_000,
    maxRows: MAX_RESULT_ROWS,
    maxResultChars: MAX_RESULT_CHARS,
    restricted: false,
    maxDatabaseMb: memoryMb,
  };
  const learner: ExecBounds = { ...trusted, maxStatements: MAX_LEARNER_STATEMENTS, restricted: true };

  /** Seeds a fresh database, runs `run` on it, and always closes it. */
  const withDatabase = <T>(
    datasetName: string,
    seed: string,
    run: (db: ReturnType<typeof openDatabase>) => T,
  ): T => {
    const db = openDatabase(SQL, memoryMb);
    try {
      const seeded = executeSql(db, seed, trusted);
      if (!seeded.ok && seeded.error.kind === "timeout") throw new TrustedTimeout();
      if (!seeded.ok)
        throw new ExerciseError(`the seed of dataset "${datasetName}" failed: ${seeded.error.message}`);
      return run(db);
    } finally {
      db.close();
    }
  };

  let firstError: GradeError | undefined;
  try {
    for (const dataset of job.datasets) {
      const testStarted = performance.now();
      const name = `dataset ${dataset.name}`;
      const hidden = dataset.hidden === true;
      const record = (status: TestResult["status"], message?: string, summary?: string): void => {
        tests.push({
          name,
          status,
          ...(message ? { message } : {}),
          durationMs: Math.round(performance.now() - testStarted),
          ...(hidden ? { hidden: true } : {}),
          ...(hidden && status !== "pass" ? { summary: summary ?? message ?? "" } : {}),
        });
      };
      if (performance.now() > deadline) {
        record("error", "Not run: time ran out.");
        firstError ??= {
          kind: "timeout",
          message: `Time ran out (${limits.timeoutMs} ms) before every dataset had run.`,
        };
        break;
      }

      const expected = withDatabase(dataset.name, dataset.seed, (db): Expected => {
        const outcome = executeSql(db, job.solution, trusted);
        if (!outcome.ok && outcome.error.kind === "timeout") throw new TrustedTimeout();
        if (!outcome.ok)
          throw new ExerciseError(
            `the reference solution failed on dataset "${dataset.name}": ${outcome.error.message}`,
          );
        if (job.compare.mode === "rows") {
          if (outcome.last === null)
            throw new ExerciseError("the reference solution's last statement returns no rows");
          return { mode: "rows", result: outcome.last };
        }
        const tables = new Map<string, TableSnapshot>();
        for (const table of job.compare.tables) {
          const snapshot = readTable(db, table);
          if (snapshot === null) throw new ExerciseError(`the reference solution leaves no table "${table}"`);
          tables.set(table, snapshot);
        }
        return { mode: "tables", tables };
      });

      const verdict = withDatabase(
        dataset.name,
        dataset.seed,
        (db): { failure: SqlFailure } | { comparison: Comparison } => {
          const outcome = executeSql(db, job.code, learner);
          if (!outcome.ok) {
            const failure = outcome.error;
            if (failure.kind === "compile" && /no such (table|column)/i.test(failure.message)) {
              failure.message += `\nThe database has: ${describeSchema(db)}.`;
            }
            return { failure };
          }
          if (expected.mode === "rows") {
            return {
              comparison: compareRows(
                expected.result,
                outcome.last,
                job.compare.mode === "rows" && job.compare.ordered,
                hidden,
              ),
            };
          }
          const messages: string[] = [];
          const summaries: string[] = [];
          for (const [table, snapshot] of expected.tables) {
            let actual: ReturnType<typeof readTable>;
            try {
              actual = readTable(db, table);
            } catch (error) {
              // Why: the learner may leave a view under the table's name whose query fails; that threw
              // out of the job as an "internal" error ("The grader failed unexpectedly").
              const message = asSqliteError(error).message;
              return {
                failure: {
                  kind: "runtime",
                  message: `Reading ${table} after your SQL ran failed: ${message}`,
                },
              };
            }
            const comparison = compareTable(table, snapshot, actual, hidden);
            if (!comparison.pass) {
              messages.push(comparison.message);
              if (comparison.summary !== undefined) summaries.push(comparison.summary);
            }
          }
          return {
            comparison: {
              pass: messages.length === 0,
              message: messages.join("\n\n"),
              ...(summaries.length ? { summary: summaries.join("\n\n") } : {}),
            },
          };
        },
      );

      if ("failure" in verdict) {
        const failure = verdict.failure;
        const message = failureMessage(failure);
        // Why: SQLite's runtime messages can quote data (json_extract('{}', (SELECT
        // group_concat(name) FROM users)) -> "bad JSON path: 'alice,bob'", RAISE(ABORT, <expr>) in a
        // trigger) and compile errors on a hidden dataset list its schema: learners get a general
        // message (the full one is kept for instructors). Ours (memory, timeout, output) quote nothing.
        const summary = !hidden
          ? undefined
          : failure.kind === "runtime"
            ? HIDDEN_RUNTIME_MESSAGE
            : failure.kind === "compile"
              ? HIDDEN_COMPILE_MESSAGE
              : failure.message;
        record("error", message, summary);
        firstError ??= {
          kind: failure.kind,
          message: hidden ? `On a hidden dataset: ${message}` : message,
          ...(failure.line !== undefined ? { line: failure.line } : {}),
          ...(summary !== undefined ? { summary: `On a hidden dataset: ${summary}` } : {}),
        };
        // A compile error or a timeout would repeat on every dataset: stop here.
        if (failure.kind === "compile" || failure.kind === "timeout") break;
        continue;
      }
      record(
        verdict.comparison.pass ? "pass" : "fail",
        verdict.comparison.pass ? undefined : verdict.comparison.message,
        verdict.comparison.summary,
      );

      // Probes: what the schema the SQL left accepts and rejects (each probe set on a fresh run).
      for (const probe of job.probes ?? []) {
        if (probe.hidden && !hidden && job.datasets.some((d) => d.hidden)) continue; // hidden sets run on hidden datasets
        const probeStarted = performance.now();
        const probeHidden = hidden || probe.hidden === true;
        const { statements, outcomes: expectedOutcomes } = withDatabase(dataset.name, dataset.seed, (db) => {
          executeSqlOrThrow(
            db,
            job.solution,
            trusted,
            `the reference solution failed on dataset "${dataset.name}"`,
          );
          let split: SplitStatement[];
          try {
            split = splitStatements(db, probe.sql);
          } catch (error) {
            throw new ExerciseError(
              `the probes ${probe.name} do not compile after the reference solution: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
          return { statements: split, outcomes: runProbes(db, split, deadline) };
        });
        const actualOutcomes = withDatabase(dataset.name, dataset.seed, (db) => {
          const outcome = executeSql(db, job.code, learner);
          return outcome.ok ? runProbes(db, statements, deadline) : null;
        });
        const probeName = `${name} > ${probe.name}`;
        if (actualOutcomes === null) {
          const notRun = "Not run: your SQL failed on this dataset.";
          tests.push({
            name: probeName,
            status: "error",
            message: notRun,
            durationMs: Math.round(performance.now() - probeStarted),
            ...(probeHidden ? { hidden: true, summary: notRun } : {}),
          });
          continue;
        }
        const comparison = compareProbes(
          statements,
          expectedOutcomes,
          actualOutcomes,
          probe.name,
          probeHidden,
        );
        tests.push({
          name: probeName,
          status: comparison.pass ? "pass" : "fail",
          ...(comparison.pass ? {} : { message: comparison.message }),
          durationMs: Math.round(performance.now() - probeStarted),
          // compareProbes already words hidden probe sets in general terms: that is what learners see.
          ...(probeHidden
            ? { hidden: true, ...(comparison.pass ? {} : { summary: comparison.message }) }
            : {}),
        });
      }
    }

    // Query plans: on the first dataset, once every dataset's SQL ran.
    const first = job.datasets[0]!;
    if ((job.plans ?? []).length > 0 && !tests.some((t) => t.status === "error" && !t.name.includes(" > "))) {
      const plans = job.plans!;
      const shapes = withDatabase(first.name, first.seed, (refDb) => {
        executeSqlOrThrow(
          refDb,
          job.solution,
          trusted,
          `the reference solution failed on dataset "${first.name}"`,
        );
        return plans.map((plan) => {
          let split: SplitStatement[];
          try {
            split = splitStatements(refDb, plan.sql);
          } catch (error) {
            throw new ExerciseError(
              `the queries of ${plan.name} do not compile after the reference solution: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
          return split.map((statement) => ({ plan, statement, expected: planShape(refDb, statement.text) }));
        });
      }).flat();
      withDatabase(first.name, first.seed, (db) => {
        const outcome = executeSql(db, job.code, learner);
        if (!outcome.ok) return;
        shapes.forEach(({ plan, statement, expected }) => {
          const started = performance.now();
          const testName = `query plan: ${plan.name}:${statement.line}`;
          const hiddenPlan = plan.hidden === true;
          let comparison: { pass: boolean; message: string };
          try {
            comparison = comparePlans(expected, planShape(db, statement.text));
          } catch (error) {
            comparison = {
              pass: false,
              message: `The query no longer runs on your database: ${asSqliteError(error).message}`,
            };
          }
          const message = hiddenPlan
            ? comparison.message.split("\n\nYour plan")[0]
            : `${capQuery(statement.text)}\n\n${comparison.message}`;
          tests.push({
            name: testName,
            status: comparison.pass ? "pass" : "fail",
            ...(comparison.pass ? {} : { message }),
            durationMs: Math.round(performance.now() - started),
            ...(hiddenPlan ? { hidden: true, ...(comparison.pass ? {} : { summary: message }) } : {}),
          });
        });
      });
    }
  } catch (error) {
    if (error instanceof ProbeTimeout)
      return finish("error", {
        kind: "timeout",
        message: `Time ran out (${limits.timeoutMs} ms) while the probes ran.`,
      });
    if (error instanceof TrustedTimeout) {
      return finish("error", {
        kind: "timeout",
        message: `Time ran out (${limits.timeoutMs} ms) before every dataset had run.`,
      });
    }
    if (!(error instanceof ExerciseError)) {
      // Not an SQLite error: sql.js itself failed (a WebAssembly trap, an abort), so its memory may be
      // corrupt. This process gets a fresh engine and asks the pool to replace it (see worker.ts).
      engineDamaged = true;
      discardSqlJs();
      console.error(
        "[sandbox sql] the SQL engine failed:",
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      );
      return finish("error", {
        kind: "internal",
        message:
          "The SQL engine failed while running this job; please try again. If it happens again, report it.",
      });
    }
    console.error(`[sandbox sql] exercise error: ${error.message}`);
    return finish("error", {
      kind: "internal",
      message: `This exercise is broken (${error.message}). It is not your fault; please report it.`,
    });
  }

  if (firstError) return finish("error", firstError);
  return finish(tests.every((t) => t.status === "pass") ? "pass" : "fail");
}
