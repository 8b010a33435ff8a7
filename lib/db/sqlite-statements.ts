/**
 * Prepared statements reused across queries on the SQLite connection. Prisma's better-sqlite3
 * adapter (7.x) calls `prepare(sql).bind(args)` for every query, so SQLite compiles the same few
 * statements again on every request: 16% of the server's busy time in a grade request (profile in
 * ARCHITECTURE.md, "Performance"). better-sqlite3 lets a statement be bound only once, so a cached
 * statement is handed out behind a small facade whose `bind` keeps the arguments for the call that
 * follows instead; the facade offers exactly what the adapter uses (bind, reader, columns, raw().all,
 * run) and fails loudly on anything else, so an adapter upgrade that uses more is noticed in tests.
 *
 * Safe because better-sqlite3 is synchronous: a statement's run()/all() completes before any other
 * query can start on the connection, so two queries never share a statement mid-execution.
 */
import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";

/** Distinct statements kept per connection (Prisma's queries are a few dozen; `IN (...)` lists vary). */
export const STATEMENT_CACHE_SIZE = 500;

type Statement = Database.Statement<unknown[]>;
type Values = readonly unknown[];

/** What the adapter does with a statement: bind once, then run it or read its rows. */
class ReusedStatement {
  #statement: Statement;
  #args: Values = [];

  constructor(statement: Statement) {
    this.#statement = statement;
  }

  get reader(): boolean {
    return this.#statement.reader;
  }

  bind(args: Values): this {
    this.#args = args;
    return this;
  }

  columns() {
    return this.#statement.columns();
  }

  run() {
    return this.#statement.run(this.#args);
  }

  raw(toggle = true) {
    if (!toggle) throw new Error("sqlite-statements: raw(false) is not supported");
    const statement = this.#statement.raw(true);
    const args = this.#args;
    return { all: () => statement.all(args) };
  }
}

/**
 * Makes `database.prepare` return statements from a per-connection cache (least recently used
 * dropped beyond `size`). Only for a connection used the way Prisma's adapter uses it.
 */
export function reuseStatements(database: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, Statement>();
  const cached = (sql: string): ReusedStatement => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-inserted below: the Map's order is the recency order
    } else {
      statement = prepare(sql) as Statement;
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return new ReusedStatement(statement);
  };
  database.prepare = cached as unknown as Database.Database["prepare"];
}

/** The adapter factory lib/db.ts uses for SQLite: Prisma's, with statements reused (see above). */
export class StatementReusingSqliteFactory extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    // The adapter keeps its connection as `client` (not part of its typed interface): checked, so
    // an adapter that changed shape runs unpatched rather than broken.
    const client = (adapter as unknown as { client?: unknown }).client;
    if (client instanceof Database) reuseStatements(client);
    else console.warn("[db] the SQLite adapter has no better-sqlite3 client: statements are not reused");
    return adapter;
  }
}
