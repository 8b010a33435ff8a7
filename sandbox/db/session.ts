/**
 * The database behind `import { db } from "serverside:db"`: SQLite (sql.js) in the grader worker
 * process, one fresh database per test, seeded from the exercise's seed files.
 *
 * Learner code runs in an isolate and sql.js in this process, so the two meet through ONE host
 * function (sandbox/bridge/host.ts) that the in-isolate runtime (sandbox/harness/extensions.js)
 * captures before any learner code exists and that learner code can never reach. Everything that
 * crosses it is a string: an operation name and a JSON payload of primitives in, JSON out. This
 * file is the host end for the database operations: it parses and bounds every request, runs it,
 * and records what learner code asked for (the query log that tests read to count queries).
 *
 * Bounds (host side, so learner code cannot lift them): queries per test, statements per exec,
 * rows and characters per result, SQL text and parameter sizes, the run's deadline between rows,
 * SQLite's heap and the database's page count (openDatabase), and the seeds' size (job schema).
 */
import type { Database, SqlJsStatic, SqlValue, Statement } from "sql.js";
import { loadSqlJs, openDatabase } from "../sql/execute-sql.ts";
import { isBlankSql, refusalOf } from "../sql/sql-text.ts";
import type { DatabaseSpec } from "../types.ts";

/** Queries learner code may make in one test: enough for any honest N+1 demonstration, not a flood. */
export const MAX_QUERIES_PER_TEST = 2_000;
/** Rows one query may return. */
export const MAX_ROWS_PER_QUERY = 10_000;
/** Characters of values one query may return, and all queries of a test together. */
const MAX_RESULT_CHARS = 2_000_000;
const MAX_TEST_RESULT_CHARS = 16_000_000;
/** Length of one SQL text, and parameters per statement. */
const MAX_SQL_CHARS = 100_000;
const MAX_PARAMS = 999;
/** Statements one exec() may run. */
const MAX_EXEC_STATEMENTS = 200;
/** Queries kept in the log with their text (the count goes on). */
const MAX_LOGGED = 2_000;
/** Seeded database images kept per worker process, by seed text. */
const TEMPLATE_CACHE = 8;

export interface QueryLogEntry {
  sql: string;
  params: unknown[] | Record<string, unknown>;
}

/** What the host answers: a result, or an error the isolate rethrows as a SqliteError. */
type Reply = { ok: true; [key: string]: unknown } | { ok: false; message: string; code: string };

/** Thrown on the host for a bad request; turned into a learner-facing error. */
class DbRequestError extends Error {
  readonly code: string;
  constructor(message: string, code = "SQLITE_ERROR") {
    super(message);
    this.code = code;
  }
}

const templates = new Map<string, Uint8Array>();

/** Decodes a parameter sent over the bridge: primitives, and blobs as { $blob: hex }. */
function decodeValue(value: unknown): SqlValue {
  if (value === null || typeof value === "number" || typeof value === "string") return value;
  if (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { $blob?: unknown }).$blob === "string"
  ) {
    return Uint8Array.from(Buffer.from((value as { $blob: string }).$blob, "hex"));
  }
  throw new DbRequestError(
    "A query parameter must be a string, number, bigint, boolean, null or Uint8Array.",
    "SQLITE_MISMATCH",
  );
}

function encodeValue(value: SqlValue): unknown {
  if (value instanceof Uint8Array) return { $blob: Buffer.from(value).toString("hex") };
  return value;
}

function valueChars(value: SqlValue): number {
  if (value === null) return 4;
  if (typeof value === "string") return value.length;
  if (typeof value === "number") return 24;
  return value.length * 2;
}

/** better-sqlite3 style codes from SQLite's messages (sql.js gives only the text). */
function codeOf(message: string): string {
  const m = /^(UNIQUE|NOT NULL|CHECK|FOREIGN KEY|PRIMARY KEY) constraint failed/i.exec(message);
  if (m) return `SQLITE_CONSTRAINT_${m[1]!.toUpperCase().replace(/ /g, "")}`;
  if (/out of memory/i.test(message)) return "SQLITE_NOMEM";
  if (/database or disk is full/i.test(message)) return "SQLITE_FULL";
  if (/datatype mismatch/i.test(message)) return "SQLITE_MISMATCH";
  return "SQLITE_ERROR";
}

function cap(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Log form of parameters: strings capped, so a log of 2000 queries stays small. */
function logParams(params: unknown[] | Record<string, unknown>): unknown[] | Record<string, unknown> {
  const shrink = (v: unknown) => (typeof v === "string" ? cap(v, 200) : v);
  if (Array.isArray(params)) return params.slice(0, 50).map(shrink);
  return Object.fromEntries(
    Object.entries(params)
      .slice(0, 50)
      .map(([k, v]) => [k, shrink(v)]),
  );
}

/**
 * One grading run's database state: which seed the current test uses, its database (opened on
 * first use), the learner's query log. Created per job, closed when the job ends.
 */
export class DbSession {
  private readonly SQL: SqlJsStatic;
  private readonly spec: DatabaseSpec;
  private readonly memoryMb: number;
  private deadline: number;
  private db: Database | null = null;
  private seedName: string;
  private inTest = false;
  private queries = 0;
  private resultChars = 0;
  private log: QueryLogEntry[] = [];

  constructor(SQL: SqlJsStatic, spec: DatabaseSpec, memoryMb: number, deadline: number) {
    this.SQL = SQL;
    this.spec = spec;
    this.memoryMb = memoryMb;
    this.deadline = deadline;
    this.seedName = spec.seed;
  }

  /** Loads sql.js (once per process) and opens a session for a job. */
  static async open(spec: DatabaseSpec, memoryMb: number, deadline: number): Promise<DbSession> {
    return new DbSession(await loadSqlJs(), spec, memoryMb, deadline);
  }

  /** The run's clock started (sql.js may have taken a while to load before it). */
  beginRun(deadline: number): void {
    this.deadline = deadline;
  }

  /** A new test starts: the previous test's database is gone, the next one is fresh. */
  beginTest(): void {
    this.closeDb();
    this.inTest = true;
    this.seedName = this.spec.seed;
    this.queries = 0;
    this.resultChars = 0;
    this.log = [];
  }

  /** The run is over (or loading): no database until the next test. */
  endTest(): void {
    this.closeDb();
    this.inTest = false;
  }

  close(): void {
    this.endTest();
  }

  private closeDb(): void {
    this.db?.close();
    this.db = null;
  }

  /** The seeded image of a seed, built once per worker process (seeds are the exercise's, trusted). */
  private template(name: string): Uint8Array {
    const seed = this.spec.seeds[name];
    if (seed === undefined) throw new DbRequestError(`There is no seed named "${name}".`);
    const key = `${this.memoryMb}\0${seed}`;
    const cached = templates.get(key);
    if (cached) {
      templates.delete(key);
      templates.set(key, cached);
      return cached;
    }
    const db = openDatabase(this.SQL, this.memoryMb);
    try {
      db.exec(seed);
      const image = db.export();
      templates.set(key, image);
      if (templates.size > TEMPLATE_CACHE) templates.delete(templates.keys().next().value!);
      return image;
    } catch (error) {
      // The exercise is broken, not the learner's code: say so in the error the test sees.
      throw new DbRequestError(
        `The exercise's seed "${name}" failed: ${error instanceof Error ? error.message : String(error)}`,
        "SERVERSIDE_SEED",
      );
    } finally {
      db.close();
    }
  }

  private database(): Database {
    if (!this.inTest) {
      throw new DbRequestError(
        "The database opens fresh for each test: use it inside your functions, not at the top level of your module.",
        "SERVERSIDE_NO_TEST",
      );
    }
    if (this.db === null) {
      const db = openDatabase(this.SQL, this.memoryMb, this.template(this.seedName));
      // As PostgreSQL always does; SQLite leaves foreign keys unchecked unless asked.
      db.exec("PRAGMA foreign_keys = ON;");
      this.db = db;
    }
    return this.db;
  }

  /**
   * Handles one bridge request. `learner` requests (from serverside:db) are counted, logged and
   * restricted; test requests (serverside:test, only reachable from test files) are not.
   * Never throws: errors become replies the isolate turns into exceptions.
   */
  handle(op: string, payload: string): string {
    let reply: Reply;
    try {
      reply = this.dispatch(op, payload);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = {
        ok: false,
        message: cap(message, 2_000),
        code: error instanceof DbRequestError ? error.code : codeOf(message),
      };
    }
    return JSON.stringify(reply);
  }

  private dispatch(op: string, payload: string): Reply {
    switch (op) {
      case "db.query":
        return this.query(JSON.parse(payload), true);
      case "test.query":
        return this.query(JSON.parse(payload), false);
      case "test.log":
        return { ok: true, queries: this.log, count: this.queries };
      case "test.resetLog":
        this.log = [];
        this.queries = 0;
        return { ok: true };
      case "test.use": {
        const name = JSON.parse(payload) as unknown;
        if (typeof name !== "string" || !Object.hasOwn(this.spec.seeds, name)) {
          throw new DbRequestError(
            `There is no seed named ${JSON.stringify(name)}; seeds: ${Object.keys(this.spec.seeds).join(", ")}.`,
          );
        }
        if (!this.inTest) throw new DbRequestError("database.use() works inside a test.");
        this.closeDb();
        this.seedName = name;
        return { ok: true };
      }
      default:
        throw new DbRequestError(`Unknown database operation ${op}.`);
    }
  }

  private query(request: unknown, learner: boolean): Reply {
    const r = request as { sql?: unknown; params?: unknown; mode?: unknown };
    if (typeof r.sql !== "string") throw new DbRequestError("The SQL must be a string.");
    if (r.sql.length > MAX_SQL_CHARS)
      throw new DbRequestError(`The SQL is longer than ${MAX_SQL_CHARS} characters.`);
    const mode = r.mode;
    if (mode !== "all" && mode !== "get" && mode !== "run" && mode !== "exec")
      throw new DbRequestError("Unknown query mode.");
    const params = r.params ?? [];
    if (typeof params !== "object" || params === null) throw new DbRequestError("Bad parameters.");
    const count = Array.isArray(params) ? params.length : Object.keys(params).length;
    if (count > MAX_PARAMS)
      throw new DbRequestError(`Too many parameters (more than ${MAX_PARAMS}).`, "SQLITE_RANGE");
    if (performance.now() > this.deadline) throw new DbRequestError("Time ran out.", "SERVERSIDE_TIMEOUT");
    if (learner) {
      // Why: a query flood (a loop of millions of queries) must end as a clear error, not as a
      // run that spends its time budget on the host where the isolate's timeout does not look.
      if (this.queries >= MAX_QUERIES_PER_TEST) {
        throw new DbRequestError(
          `More than ${MAX_QUERIES_PER_TEST} queries in one test: look for a query inside a loop.`,
          "SERVERSIDE_TOO_MANY_QUERIES",
        );
      }
      this.queries++;
      if (this.log.length < MAX_LOGGED)
        this.log.push({ sql: cap(r.sql, 1_000), params: logParams(params as unknown[]) });
      const refusal = refusalOf(r.sql);
      if (refusal !== null) throw new DbRequestError(refusal.message);
    }
    const db = this.database();
    if (mode === "exec") return this.exec(db, r.sql, learner);

    const bind = Array.isArray(params)
      ? params.map(decodeValue)
      : this.namedParams(params as Record<string, unknown>);
    const statement = this.prepareOne(db, r.sql);
    try {
      if (Array.isArray(bind) ? bind.length > 0 : Object.keys(bind).length > 0) statement.bind(bind);
      const columns = statement.getColumnNames();
      if (mode === "run") {
        while (statement.step()) this.checkTime();
        return { ok: true, changes: db.getRowsModified(), lastInsertRowid: this.lastInsertRowid(db) };
      }
      if (columns.length === 0) {
        throw new DbRequestError(
          `This statement returns no data: use run() for it, not ${mode}().`,
          "SQLITE_MISUSE",
        );
      }
      const rows: unknown[][] = [];
      let chars = 0;
      while (statement.step()) {
        if (rows.length >= MAX_ROWS_PER_QUERY) {
          throw new DbRequestError(
            `The query returned more than ${MAX_ROWS_PER_QUERY} rows. Is a WHERE condition or a LIMIT missing?`,
            "SERVERSIDE_TOO_MANY_ROWS",
          );
        }
        const row = statement.get();
        for (const v of row) chars += valueChars(v);
        if (chars > MAX_RESULT_CHARS || this.resultChars + chars > MAX_TEST_RESULT_CHARS) {
          throw new DbRequestError("The query's result is too large.", "SERVERSIDE_TOO_LARGE");
        }
        rows.push(row.map(encodeValue));
        if (mode === "get") break;
        this.checkTime();
      }
      this.resultChars += chars;
      return { ok: true, columns, rows };
    } finally {
      statement.free();
    }
  }

  /** better-sqlite3 names parameters without their prefix: { id } binds :id, @id and $id. */
  private namedParams(params: Record<string, unknown>): Record<string, SqlValue> {
    const out: Record<string, SqlValue> = {};
    for (const [key, raw] of Object.entries(params)) {
      const value = decodeValue(raw);
      if (/^[:@$]/.test(key)) out[key] = value;
      else for (const prefix of [":", "@", "$"]) out[prefix + key] = value;
    }
    return out;
  }

  /** Prepares exactly one statement, as better-sqlite3's prepare() does. */
  private prepareOne(db: Database, sql: string): Statement {
    const iterator = db.iterateStatements(sql);
    // The iterator frees its current statement on return() or next(): on success it is simply
    // dropped, and the caller frees the statement.
    const stop = () => (iterator as unknown as { return?: () => void }).return?.();
    let next: IteratorResult<Statement>;
    try {
      next = iterator.next();
    } catch (error) {
      stop();
      throw error;
    }
    if (next.done) {
      stop();
      throw new DbRequestError("The SQL holds no statement.", "SQLITE_MISUSE");
    }
    if (!isBlankSql(iterator.getRemainingSQL())) {
      stop();
      throw new DbRequestError(
        "The SQL holds more than one statement: prepare them one at a time, or use exec() (without parameters).",
        "SQLITE_MISUSE",
      );
    }
    return next.value;
  }

  private exec(db: Database, sql: string, learner: boolean): Reply {
    const iterator = db.iterateStatements(sql);
    let statements = 0;
    try {
      for (const statement of iterator) {
        try {
          if (++statements > MAX_EXEC_STATEMENTS)
            throw new DbRequestError(`More than ${MAX_EXEC_STATEMENTS} statements in one exec().`);
          if (learner) {
            const refusal = refusalOf(statement.getSQL());
            if (refusal !== null) throw new DbRequestError(refusal.message);
          }
          while (statement.step()) this.checkTime();
        } finally {
          statement.free();
        }
      }
    } finally {
      (iterator as unknown as { return?: () => void }).return?.();
    }
    return { ok: true };
  }

  private lastInsertRowid(db: Database): number {
    const result = db.exec("SELECT last_insert_rowid()");
    return Number(result[0]?.values[0]?.[0] ?? 0);
  }

  private checkTime(): void {
    if (performance.now() > this.deadline)
      throw new DbRequestError("Time ran out while the query was running.", "SERVERSIDE_TIMEOUT");
  }
}
