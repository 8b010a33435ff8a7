/**
 * Checks on what an SQL exercise leaves behind, beyond result sets and table contents:
 *
 *   - probes: statements run one by one after the SQL (typically INSERTs against a schema the
 *     learner created or migrated); each is accepted or rejected, and the learner's database must
 *     accept and reject exactly what the reference's does (constraints graded by behaviour);
 *   - query plans: EXPLAIN QUERY PLAN of given queries; wherever the reference's plan finds rows of a
 *     table through an index, the learner's must too, and it must not sort (USE TEMP B-TREE) where
 *     the reference's does not.
 *
 * Statement texts are split on the reference's database (where every name exists), then run as
 * they are on the learner's.
 */
import type { Database } from "sql.js";
import { lineAt, skipTrivia } from "./sql-text.ts";

export interface SplitStatement {
  text: string;
  /** 1-based line where the statement starts in its file. */
  line: number;
}

/** Splits `sql` into statements by preparing them on `db` (nothing is run). */
export function splitStatements(db: Database, sql: string): SplitStatement[] {
  const out: SplitStatement[] = [];
  const iterator = db.iterateStatements(sql);
  for (;;) {
    const start = skipTrivia(sql, sql.length - iterator.getRemainingSQL().length);
    const next = iterator.next();
    if (next.done) break;
    // Leading comment lines belong to the file, not to the statement shown in messages.
    out.push({
      text: next.value
        .getSQL()
        .trim()
        .replace(/^(?:--[^\n]*\n\s*)+/, ""),
      line: lineAt(sql, start),
    });
  }
  return out;
}

export interface ProbeOutcome {
  accepted: boolean;
  /** SQLite's message when rejected. */
  message?: string;
}

/** Runs each statement in order; a rejected statement changes nothing (SQLite statements are atomic). */
export function runProbes(db: Database, statements: SplitStatement[], deadline: number): ProbeOutcome[] {
  const outcomes: ProbeOutcome[] = [];
  for (const statement of statements) {
    if (performance.now() > deadline) throw new ProbeTimeout();
    try {
      db.run(statement.text);
      outcomes.push({ accepted: true });
    } catch (error) {
      outcomes.push({ accepted: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

export class ProbeTimeout extends Error {
  constructor() {
    super("Time ran out while the probes were running.");
  }
}

function capText(text: string, max = 200): string {
  const one = text.replace(/\s+/g, " ");
  return one.length > max ? `${one.slice(0, max)} …` : one;
}

/** Compares probe outcomes; the message names each statement whose outcome differs (visible sets only). */
export function compareProbes(
  statements: SplitStatement[],
  expected: ProbeOutcome[],
  actual: ProbeOutcome[],
  fileName: string,
  hidden: boolean,
): { pass: boolean; message: string } {
  const lines: string[] = [];
  let wrong = 0;
  for (let i = 0; i < statements.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (e.accepted === a.accepted) continue;
    wrong++;
    if (hidden) continue;
    const where = `${fileName}:${statements[i]!.line}: ${capText(statements[i]!.text)}`;
    lines.push(
      e.accepted
        ? `${where}\n  should be accepted, but your database rejected it: ${a.message ?? "error"}`
        : `${where}\n  should be rejected (the reference refuses it: ${e.message ?? "error"}), but your database accepted it`,
    );
  }
  if (wrong === 0) return { pass: true, message: "" };
  if (hidden) {
    const accepted = statements.filter((_, i) => !expected[i]!.accepted && actual[i]!.accepted).length;
    return {
      pass: false,
      message: `${wrong} of ${statements.length} hidden statements got the wrong outcome: ${accepted} that must be rejected were accepted, ${wrong - accepted} that must be accepted were rejected. Check every constraint the instructions ask for.`,
    };
  }
  return {
    pass: false,
    message: `${wrong} of ${statements.length} statements got the wrong outcome:\n\n${lines.slice(0, 10).join("\n\n")}`,
  };
}

interface PlanShape {
  /** Access per table (or alias) as the plan names it: 2 = through an index or key, 1 = reads every row. */
  access: Map<string, { rank: number; detail: string }>;
  /** Sorts the plan does with a temporary b-tree: "ORDER BY", "GROUP BY", "DISTINCT", ... */
  sorts: Set<string>;
  details: string[];
}

/** The shape of EXPLAIN QUERY PLAN for `query` on `db`. */
export function planShape(db: Database, query: string): PlanShape {
  const result = db.exec(`EXPLAIN QUERY PLAN ${query}`);
  const details = result.length === 0 ? [] : result[0]!.values.map((row) => String(row[3]));
  const access = new Map<string, { rank: number; detail: string }>();
  const sorts = new Set<string>();
  for (const detail of details) {
    const m = /^(SCAN|SEARCH) (\S+)/.exec(detail);
    if (m) {
      // An automatic index is built for this one query and thrown away: as slow as a scan.
      const rank = m[1] === "SEARCH" && !/AUTOMATIC/.test(detail) ? 2 : 1;
      const previous = access.get(m[2]!);
      if (!previous || rank < previous.rank) access.set(m[2]!, { rank, detail });
    }
    const t = /^USE TEMP B-TREE FOR (.+)$/.exec(detail);
    if (t) sorts.add(t[1]!.replace(/^(RIGHT PART OF |LAST TERM OF )/, ""));
  }
  return { access, sorts, details };
}

/** Whether the learner's plan is as good as the reference's, and a message saying why not. */
export function comparePlans(expected: PlanShape, actual: PlanShape): { pass: boolean; message: string } {
  const problems: string[] = [];
  for (const [table, want] of expected.access) {
    const got = actual.access.get(table);
    if (want.rank === 2 && (!got || got.rank < 2)) {
      problems.push(
        `It reads every row of ${table} (${got?.detail ?? "no access"}) where an index could find just the rows it needs.`,
      );
    }
  }
  for (const sort of actual.sorts) {
    if (!expected.sorts.has(sort))
      problems.push(
        `It sorts the rows for ${sort} in a temporary b-tree, where an index could deliver them already in order.`,
      );
  }
  if (problems.length === 0) return { pass: true, message: "" };
  return {
    pass: false,
    message: `${problems.join("\n")}\n\nYour plan (EXPLAIN QUERY PLAN):\n${actual.details.map((d) => `  ${d}`).join("\n")}`,
  };
}
