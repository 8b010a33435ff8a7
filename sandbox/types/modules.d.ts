/**
 * The sandbox's built-in modules, for editors (lessons/tsconfig.json and the lesson editor).
 * "serverside:db" is importable by learner code and tests in exercises that declare a database;
 * "serverside:test" only by test files (the sandbox refuses it to learner code).
 */

declare module "serverside:db" {
  /** A value SQLite stores: numbers (INTEGER, REAL), text, blobs, NULL. */
  export type SqlValue = number | string | Uint8Array | null;
  /** What a statement may bind: positional values, an array of them, or one object of named values ({ id } binds :id, @id and $id). */
  export type BindParameters = (SqlValue | bigint)[] | [readonly (SqlValue | bigint)[]] | [object];
  export interface RunResult {
    /** Rows inserted, updated or deleted by the statement. */
    changes: number;
    /** The rowid of the last inserted row. */
    lastInsertRowid: number;
  }
  /** A prepared statement (better-sqlite3's shape): run it as often as needed. */
  export interface Statement<Row = unknown> {
    /** Every row, as objects keyed by column name. */
    all(...params: BindParameters): Row[];
    /** The first row, or undefined. */
    get(...params: BindParameters): Row | undefined;
    /** Runs an INSERT, UPDATE, DELETE or schema statement. */
    run(...params: BindParameters): RunResult;
    /** The SQL text. */
    readonly source: string;
  }
  export interface Database {
    /** Prepares ONE statement; `?`, `:name`, `@name` and `$name` are parameters. */
    prepare<Row = unknown>(sql: string): Statement<Row>;
    /** Runs one or more statements without parameters. */
    exec(sql: string): Database;
    /** Wraps fn in BEGIN/COMMIT; ROLLBACK when it throws. */
    transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  }
  /** Errors from the database: `code` is e.g. "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_ERROR". */
  export class SqliteError extends Error {
    readonly code: string;
  }
  /** The exercise's database: SQLite, fresh and seeded for each test, foreign keys enforced. */
  export const db: Database;
  export default db;
}

declare module "serverside:test" {
  // Repeated from serverside:db: an import here would be one more specifier for the boundary check.
  type Row = Record<string, number | string | Uint8Array | null>;
  type RunResult = { changes: number; lastInsertRowid: number };
  /** The database seen from a test: these queries are not counted or logged. */
  export const database: {
    all(sql: string, ...params: unknown[]): Row[];
    get(sql: string, ...params: unknown[]): Row | undefined;
    run(sql: string, ...params: unknown[]): RunResult;
    exec(sql: string): void;
    /** Starts this test's database over from another seed (seeds/<name>.sql). */
    use(seed: string): void;
    /** The queries learner code made in this test so far, in order. */
    queries(): { sql: string; params: unknown[] | Record<string, unknown> }[];
    queryCount(): number;
    /** Forgets the queries so far: count only what follows. */
    resetQueries(): void;
  };
  /** Calls of sandbox APIs in this test ("crypto.timingSafeEqual", "crypto.createHmac", ...). Reset before each test. */
  export const calls: {
    count(name: string): number;
    /** Arguments of the first 100 calls (bytes copied; other objects as "[object]"). */
    args(name: string): unknown[][];
    reset(): void;
    names(): string[];
  };
  /** Real milliseconds fn takes (median of `repeat` runs, default 5): compare with the reference solution's. */
  export function measure(fn: () => unknown, options?: { repeat?: number }): number;

  /** One scripted answer of fetch(). */
  export interface Reply {
    status?: number;
    statusText?: string;
    headers?: Record<string, string> | [string, string][];
    body?: string | Uint8Array;
    /** A JSON body (content-type application/json unless headers name one). */
    json?: unknown;
    /** Virtual milliseconds before the answer arrives. */
    delay?: number;
    /** Fail like a network error: fetch rejects with TypeError("fetch failed") whose cause has this text. */
    error?: string;
    /** Never answer: only an AbortSignal ends the wait. */
    hang?: boolean;
  }
  /** A request learner code made: `at` is the virtual time (performance.now()) of the call. */
  export interface SentRequest {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: string;
    at: number;
  }
  /** What fetch() answers in this test, and what was sent. Reset before each test. */
  export const network: {
    /**
     * pattern: "https://api.test/users/1", "GET https://api.test/users/1", a prefix ending in "*",
     * or a RegExp on the URL. A list of replies is answered in order, its last reply repeating; a
     * function gets a copy of the request. Rules are tried in the order they were added.
     */
    on(
      pattern: string | RegExp,
      reply: Reply | Reply[] | ((request: Request) => Reply | Promise<Reply>),
    ): void;
    /** The requests made in this test so far (the first 1000), in order. */
    requests(): SentRequest[];
    /** How many requests were made in this test so far. */
    count(): number;
    /** Forgets the scripted replies and the recorded requests. */
    reset(): void;
  };
}
