/**
 * sql.js (SQLite compiled to WebAssembly) loaded from node_modules, fresh bounded databases, and a
 * statement-by-statement executor that checks the clock and the row count between steps.
 *
 * What bounds what: `PRAGMA hard_heap_limit` caps SQLite's memory (recursive CTEs with UNION, big
 * sorts, huge strings fail with "out of memory"); `max_page_count` caps the database size; the
 * executor caps statements, rows and result size, and stops at the deadline between rows and
 * statements. sql.js exports no progress handler, so one statement that computes for long without
 * yielding a row (e.g. count(*) over an endless recursive CTE) is stopped only by the pool's
 * wall-clock kill of the worker process.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import initSqlJs from "sql.js";
import type { Database, SqlJsStatic, SqlValue } from "sql.js";
import { lineAt, refusalOf, skipTrivia } from "./sql-text.ts";

export type { SqlValue };

export interface ResultSet {
  columns: string[];
  rows: SqlValue[][];
}

export interface SqlFailure {
  kind: "compile" | "runtime" | "timeout" | "memory" | "output" | "limit";
  message: string;
  /** 1-based line where the failing statement starts. */
  line?: number;
  /** The failing statement's text, trimmed and capped. */
  statement?: string;
}

export type ExecOutcome = { ok: true; last: ResultSet | null } | { ok: false; error: SqlFailure };

export interface ExecBounds {
  /** performance.now() value after which execution stops. */
  deadline: number;
  maxStatements: number;
  /** Rows one statement may return. */
  maxRows: number;
  /** Characters (text, blob bytes, numbers' digits) one result may hold. */
  maxResultChars: number;
  /** Refuse ATTACH, PRAGMA, load_extension, VACUUM INTO (learner code). */
  restricted: boolean;
  /** Database size cap, for the "database is full" message. */
  maxDatabaseMb: number;
}

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Lines of sql.js's own stdout/stderr passed on to the worker's stderr per process (the rest is dropped). */
const ENGINE_LOG_LINES = 5;
let engineLogLines = 0;
function engineLog(text: string): void {
  // Why: sql.js printed a 230-byte deprecation warning per call of a legacy function: 415 MB of
  // server log in 6.5 s from one submission. Whatever it prints now is capped per process.
  if (engineLogLines >= ENGINE_LOG_LINES) return;
  engineLogLines++;
  console.error(
    `[sandbox sql] engine: ${text.slice(0, 300)}${engineLogLines === ENGINE_LOG_LINES ? " (further engine output dropped)" : ""}`,
  );
}

/**
 * A failure of sql.js itself rather than an SQLite error: a WebAssembly trap ("memory access out of
 * bounds"), an Emscripten abort, a JavaScript error inside sql.js. After one, the engine's
 * WebAssembly memory may be corrupt: the process must not grade another SQL job with it.
 */
export class SqlEngineFailure extends Error {
  constructor(cause: unknown) {
    super(
      `the SQL engine failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`,
    );
    this.name = "SqlEngineFailure";
  }
}

/**
 * SQLite errors reach JavaScript as plain `Error`s built by sql.js from sqlite3_errmsg; anything
 * else (WebAssembly.RuntimeError, RangeError, TypeError, a thrown non-Error) is the engine's own
 * failure. Decided by the error's class, never by its message text.
 */
export function asSqliteError(error: unknown): Error {
  if (error instanceof Error && Object.getPrototypeOf(error) === Error.prototype) return error;
  if (error instanceof SqlEngineFailure) throw error;
  sqlJs = undefined; // the next job loads a fresh engine, even in a process that is not recycled
  throw new SqlEngineFailure(error);
}

/**
 * Loads sql.js once per process, with its .wasm read from node_modules (never fetched).
 * `useOldExtensionFunctions: false`: sql.js 1.x registers the legacy extension-functions.c family
 * (replicate, padl, padr, padc, strfilter, leftstr, rightstr, charindex, proper, reverse,
 * difference, square, cot, coth, atn2, stdev, variance, mode, median, lower/upper_quartile) unless
 * told not to. Those pass a 64-bit size to a 32-bit allocator: `replicate('ab', 4294967297)` wrote
 * past the WebAssembly memory and broke every later SQL job of the process; they also allocate
 * with malloc outside SQLite's hard_heap_limit and print a deprecation warning per call. Standard
 * SQLite functions (math functions included) are unaffected.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve("sql.js/dist/sql-wasm.wasm"));
    const config = {
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer,
      useOldExtensionFunctions: false,
      print: engineLog,
      printErr: engineLog,
    };
    return initSqlJs(config);
  })();
  const loading = sqlJs;
  loading.catch(() => {
    if (sqlJs === loading) sqlJs = undefined;
  });
  return loading;
}

/** Forgets the loaded engine: the next loadSqlJs() instantiates a fresh WebAssembly module. */
export function discardSqlJs(): void {
  sqlJs = undefined;
}

/**
 * A fresh in-memory database with its bounds set, empty or loaded from a database image (a seeded
 * template, see sandbox/db/session.ts). hard_heap_limit is process-wide in SQLite, so it is set
 * again for every database.
 */
export function openDatabase(SQL: SqlJsStatic, memoryMb: number, image?: Uint8Array): Database {
  const db = image ? new SQL.Database(image) : new SQL.Database();
  const pages = Math.max(16, Math.floor((memoryMb * 1024 * 1024) / 4096));
  db.exec(
    `PRAGMA hard_heap_limit = ${memoryMb * 1024 * 1024};` +
      // Temporary b-trees (UNION, ORDER BY, DISTINCT) in SQLite's heap, where the limit applies,
      // rather than in temp files on Emscripten's in-memory file system, where it would not.
      "PRAGMA temp_store = MEMORY;" +
      `PRAGMA main.max_page_count = ${pages};` +
      `PRAGMA temp.max_page_count = ${pages};` +
      "PRAGMA trusted_schema = OFF;",
  );
  return db;
}

/** The message of an SQLite error; throws SqlEngineFailure for anything else (see asSqliteError). */
function errorText(error: unknown): string {
  return asSqliteError(error).message;
}

function capStatement(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)} …` : trimmed;
}

function valueChars(value: SqlValue): number {
  if (value === null) return 4;
  if (typeof value === "string") return value.length;
  if (typeof value === "number") return 24;
  return value.length * 2;
}

/** Describes SQLite's out-of-memory and database-full errors in terms a learner can act on. */
function classifyRuntime(message: string, bounds: ExecBounds): Pick<SqlFailure, "kind" | "message"> {
  if (/out of memory/i.test(message)) {
    return {
      kind: "memory",
      message: `The query ran out of memory (the database engine may use ${bounds.maxDatabaseMb} MB). A recursive CTE without a stopping condition, or a join without its ON condition, can do this.`,
    };
  }
  if (/database or disk is full/i.test(message)) {
    return { kind: "memory", message: `The database grew past its ${bounds.maxDatabaseMb} MB limit.` };
  }
  return { kind: "runtime", message };
}

/**
 * Runs every statement of `sql` in order. Returns the result set of the last statement (null when
 * the last statement returns no columns, e.g. an INSERT), or the first failure.
 */
export function executeSql(db: Database, sql: string, bounds: ExecBounds): ExecOutcome {
  const iterator = db.iterateStatements(sql);
  let last: ResultSet | null = null;
  let count = 0;
  try {
    for (;;) {
      const start = skipTrivia(sql, sql.length - iterator.getRemainingSQL().length);
      if (performance.now() > bounds.deadline) {
        return {
          ok: false,
          error: {
            kind: "timeout",
            message: "Time ran out before all statements had run.",
            line: lineAt(sql, start),
          },
        };
      }
      let next: ReturnType<typeof iterator.next>;
      try {
        next = iterator.next();
      } catch (error) {
        // Preparing failed: a syntax error, or a name that does not exist.
        const rest = sql.slice(start);
        const end = rest.indexOf(";");
        return {
          ok: false,
          error: {
            kind: "compile",
            message: errorText(error),
            line: lineAt(sql, start),
            statement: capStatement(end === -1 ? rest : rest.slice(0, end + 1)),
          },
        };
      }
      if (next.done) break;
      const statement = next.value;
      try {
        const text = statement.getSQL();
        const line = lineAt(sql, start);
        if (++count > bounds.maxStatements) {
          return {
            ok: false,
            error: {
              kind: "limit",
              message: `More than ${bounds.maxStatements} statements: that is more than an exercise needs.`,
              line,
            },
          };
        }
        if (bounds.restricted) {
          const refusal = refusalOf(text);
          if (refusal !== null)
            return {
              ok: false,
              error: { kind: "compile", message: refusal.message, line, statement: capStatement(text) },
            };
        }
        const columns = statement.getColumnNames();
        const rows: SqlValue[][] = [];
        let chars = 0;
        try {
          while (statement.step()) {
            if (rows.length >= bounds.maxRows) {
              return {
                ok: false,
                error: {
                  kind: "output",
                  message: `This statement returned more than ${bounds.maxRows.toLocaleString("en-US")} rows, more than any exercise expects. Is a WHERE condition, a join condition or a LIMIT missing?`,
                  line,
                  statement: capStatement(text),
                },
              };
            }
            const row = statement.get();
            for (const value of row) chars += valueChars(value);
            if (chars > bounds.maxResultChars) {
              return {
                ok: false,
                error: {
                  kind: "output",
                  message: `This statement's result is larger than ${Math.round(bounds.maxResultChars / 1024)} KB of text.`,
                  line,
                  statement: capStatement(text),
                },
              };
            }
            rows.push(row);
            // Checked on every row: a slow query may take long between rows.
            if (performance.now() > bounds.deadline) {
              return {
                ok: false,
                error: {
                  kind: "timeout",
                  message: "Time ran out while this statement was running.",
                  line,
                  statement: capStatement(text),
                },
              };
            }
          }
        } catch (error) {
          const classified = classifyRuntime(errorText(error), bounds);
          return { ok: false, error: { ...classified, line, statement: capStatement(text) } };
        }
        last = columns.length > 0 ? { columns, rows } : null;
      } finally {
        statement.free();
      }
    }
  } finally {
    (iterator as unknown as { return?: () => void }).return?.();
  }
  return { ok: true, last };
}

/** Reads a table's columns and rows; null when the table does not exist. */
export function readTable(
  db: Database,
  table: string,
): { columns: { name: string; type: string; notNull: boolean; pk: number }[]; rows: SqlValue[][] } | null {
  const quoted = `"${table.replace(/"/g, '""')}"`;
  const info = db.exec(
    `SELECT name, type, "notnull", pk FROM pragma_table_info(${`'${table.replace(/'/g, "''")}'`})`,
  );
  if (info.length === 0) return null;
  const columns = info[0]!.values.map(([name, type, notNull, pk]) => ({
    name: String(name),
    type: String(type ?? ""),
    notNull: notNull === 1,
    pk: Number(pk),
  }));
  const result = db.exec(
    `SELECT ${columns.map((c) => `"${c.name.replace(/"/g, '""')}"`).join(", ")} FROM ${quoted}`,
  );
  return { columns, rows: result.length === 0 ? [] : result[0]!.values };
}

/** "books(id, title, author)" for every table, to help with "no such column/table" errors. */
export function describeSchema(db: Database): string {
  const tables = db.exec(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  if (tables.length === 0) return "(no tables)";
  return tables[0]!.values
    .map(([name]) => {
      const cols = db.exec(`SELECT name FROM pragma_table_info('${String(name).replace(/'/g, "''")}')`);
      return `${String(name)}(${cols.length === 0 ? "" : cols[0]!.values.map(([c]) => String(c)).join(", ")})`;
    })
    .join(", ");
}
