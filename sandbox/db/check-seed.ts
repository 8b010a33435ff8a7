/**
 * Checks an exercise's seed file the way a database-backed job will run it, for lessons:check: a
 * seed that fails would fail every test of every learner, so authors get its line instead.
 */
import { executeSql, loadSqlJs, openDatabase } from "../sql/execute-sql.ts";

/** Runs `sql` on a fresh database; the failing statement's line and SQLite's message, or null. */
export async function checkSeedSql(
  sql: string,
  memoryMb = 64,
): Promise<{ line: number; message: string } | null> {
  const SQL = await loadSqlJs();
  const db = openDatabase(SQL, memoryMb);
  try {
    const outcome = executeSql(db, sql, {
      deadline: performance.now() + 10_000,
      maxStatements: 1_000_000,
      maxRows: 1_000_000,
      maxResultChars: 64_000_000,
      restricted: false,
      maxDatabaseMb: memoryMb,
    });
    return outcome.ok ? null : { line: outcome.error.line ?? 1, message: outcome.error.message };
  } finally {
    db.close();
  }
}
