/**
 * Compares a learner's SQL results with the reference's and writes feedback that teaches: for
 * every dataset, small text tables, missing and extra rows, column differences; for hidden datasets
 * also a summary in general terms (no count, row or schema), which is all a learner is shown.
 */
import type { ResultSet, SqlValue } from "./execute-sql.ts";

/** Rows shown in a text table; more are summarized as "… N more rows". */
export const SHOWN_ROWS = 20;
/** Missing or extra rows listed one by one. */
const LISTED_ROWS = 10;
const MAX_CELL = 40;

export interface Comparison {
  pass: boolean;
  /** Full feedback (rows, counts, tables); empty when pass. */
  message: string;
  /** Hidden datasets that differ: what differs in general terms (no count, row or value), for the learner view. */
  summary?: string;
}

// ---- values --------------------------------------------------------------------------------------

/** A key under which equal values meet: numbers compare to 12 significant digits. */
function valueKey(value: SqlValue): string {
  if (value === null) return "N";
  if (typeof value === "number") return `n:${Number(value.toPrecision(12))}`;
  if (typeof value === "string") return `s:${value}`;
  return `b:${Array.from(value, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function rowKey(row: SqlValue[]): string {
  return JSON.stringify(row.map(valueKey));
}

function clip(text: string): string {
  const flat = text.replace(/\r?\n/g, "⏎");
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/** A value as in a result grid: text plain, NULL spelled out. */
function cell(value: SqlValue): string {
  if (value === null) return "NULL";
  if (typeof value === "number") return String(Number(value.toPrecision(12)));
  if (typeof value === "string") return clip(value);
  return clip(
    `X'${Array.from(value, (b) => b.toString(16).padStart(2, "0"))
      .join("")
      .toUpperCase()}'`,
  );
}

/** A value as an SQL literal, so that '15' (text) and 15 (a number) look different. */
function literal(value: SqlValue): string {
  if (typeof value === "string") return clip(`'${value.replace(/'/g, "''")}'`);
  return cell(value);
}

function formatRow(row: SqlValue[]): string {
  return `(${row.map(literal).join(", ")})`;
}

/** A small text table, at most SHOWN_ROWS rows. */
export function formatTable(columns: string[], rows: SqlValue[][]): string {
  const shown = rows.slice(0, SHOWN_ROWS).map((row) => row.map(cell));
  const widths = columns.map((c, i) => Math.max(clip(c).length, ...shown.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    ` ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")}`.trimEnd();
  const out = [
    line(columns.map(clip)),
    `-${widths.map((w) => "-".repeat(w)).join("-+-")}-`,
    ...shown.map(line),
  ];
  if (rows.length > SHOWN_ROWS) out.push(` … ${rows.length - SHOWN_ROWS} more rows`);
  out.push(`(${rows.length} ${rows.length === 1 ? "row" : "rows"})`);
  return out.join("\n");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---- row multisets -------------------------------------------------------------------------------

interface RowDiff {
  missing: SqlValue[][];
  extra: SqlValue[][];
}

function diffRows(expected: SqlValue[][], actual: SqlValue[][]): RowDiff {
  const counts = new Map<string, number>();
  for (const row of actual) counts.set(rowKey(row), (counts.get(rowKey(row)) ?? 0) + 1);
  const missing: SqlValue[][] = [];
  for (const row of expected) {
    const key = rowKey(row);
    const n = counts.get(key) ?? 0;
    if (n > 0) counts.set(key, n - 1);
    else missing.push(row);
  }
  const extra: SqlValue[][] = [];
  for (const row of actual) {
    const key = rowKey(row);
    const n = counts.get(key) ?? 0;
    if (n > 0) {
      extra.push(row);
      counts.set(key, n - 1);
    }
  }
  return { missing, extra };
}

function listRows(title: string, rows: SqlValue[][]): string {
  const lines = rows.slice(0, LISTED_ROWS).map((r) => `  ${formatRow(r)}`);
  if (rows.length > LISTED_ROWS) lines.push(`  … ${rows.length - LISTED_ROWS} more`);
  return `${title}\n${lines.join("\n")}`;
}

/** "column price: expected numbers, got text" when a column's values differ only in type. */
function typeHints(columns: string[], expected: SqlValue[][], actual: SqlValue[][]): string[] {
  const kind = (v: SqlValue): string =>
    v === null ? "null" : typeof v === "number" ? "numbers" : typeof v === "string" ? "text" : "blobs";
  const hints: string[] = [];
  columns.forEach((name, i) => {
    const e = new Set(expected.map((r) => kind(r[i]!)).filter((k) => k !== "null"));
    const a = new Set(actual.map((r) => kind(r[i]!)).filter((k) => k !== "null"));
    if (e.size === 1 && a.size === 1 && [...e][0] !== [...a][0]) {
      hints.push(`Column ${name}: expected ${[...e][0]}, got ${[...a][0]}. Check quotes and CAST.`);
    }
  });
  return hints;
}

const HIDDEN_HINT =
  "This dataset is hidden. If the visible dataset passes, check that your query states the conditions rather than values that happen to fit the visible rows (ids, names, a fixed LIMIT).";

// ---- mode "rows" ---------------------------------------------------------------------------------

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * What a learner may be told about a hidden dataset that differs. Why: exact counts leak ("Expected 7
 * rows, got 6" answered a WHERE probe per submission), and so do rows and schema.
 */
function hiddenSummary(problems: {
  columns: boolean;
  missing: boolean;
  extra: boolean;
  order: boolean;
}): string {
  const parts: string[] = [];
  if (problems.columns) parts.push("The columns differ from the expected ones.");
  if (problems.missing) parts.push("Some expected rows are missing or different.");
  if (problems.extra) parts.push("There are rows that should not be there.");
  if (problems.order)
    parts.push(
      "The rows are right but in the wrong order. Check ORDER BY, and add a second sort key for ties.",
    );
  parts.push(HIDDEN_HINT);
  return parts.join(" ");
}

/**
 * Compares the result sets of the last statements. The message is full in every case (rows and
 * counts, for instructors and the author CLI); hidden datasets also get a summary for learners.
 */
export function compareRows(
  expected: ResultSet,
  actual: ResultSet | null,
  ordered: boolean,
  hidden: boolean,
): Comparison {
  const full = compareRowsFully(expected, actual, ordered);
  if (full.pass || !hidden) return full;
  if (actual === null) return { ...full, summary: full.message };
  const namesMatch =
    expected.columns.length === actual.columns.length &&
    expected.columns.every((c, i) => sameName(c, actual.columns[i]!));
  const diff = diffRows(expected.rows, actual.rows);
  const sameRows = diff.missing.length === 0 && diff.extra.length === 0;
  return {
    ...full,
    summary: hiddenSummary({
      columns: !namesMatch,
      missing: diff.missing.length > 0,
      extra: diff.extra.length > 0,
      order: namesMatch && sameRows && ordered,
    }),
  };
}

function compareRowsFully(expected: ResultSet, actual: ResultSet | null, ordered: boolean): Comparison {
  if (actual === null) {
    return {
      pass: false,
      message:
        "Your last statement returns no rows to compare. End your SQL with the SELECT that answers the question.",
    };
  }
  const parts: string[] = [];
  const namesMatch =
    expected.columns.length === actual.columns.length &&
    expected.columns.every((c, i) => sameName(c, actual.columns[i]!));
  if (!namesMatch) {
    const sameSet =
      expected.columns.length === actual.columns.length &&
      expected.columns.every((c) => actual.columns.some((a) => sameName(a, c)));
    parts.push(
      sameSet
        ? `Right columns, wrong order: expected (${expected.columns.join(", ")}), got (${actual.columns.join(", ")}).`
        : `Columns: expected (${expected.columns.join(", ")}), got (${actual.columns.join(", ")}).` +
            (expected.columns.length === actual.columns.length ? " Name a computed column with AS." : ""),
    );
  }
  const diff = diffRows(expected.rows, actual.rows);
  const sameRows = diff.missing.length === 0 && diff.extra.length === 0;
  let orderProblem = "";
  if (namesMatch && sameRows && ordered) {
    const at = expected.rows.findIndex((row, i) => rowKey(row) !== rowKey(actual.rows[i]!));
    if (at !== -1) {
      orderProblem = `The rows are right but in the wrong order: row ${at + 1} should be ${formatRow(expected.rows[at]!)}, yours is ${formatRow(actual.rows[at]!)}. Check ORDER BY, and add a second sort key for ties.`;
    }
  }
  if (namesMatch && sameRows && orderProblem === "") return { pass: true, message: "" };
  if (orderProblem) parts.push(orderProblem);
  if (!sameRows) {
    const counts = `Expected ${plural(expected.rows.length, "row")}, got ${actual.rows.length}`;
    const detail = [
      diff.missing.length ? `${plural(diff.missing.length, "expected row")} missing` : "",
      diff.extra.length ? `${plural(diff.extra.length, "row")} that should not be there` : "",
    ]
      .filter(Boolean)
      .join(", ");
    parts.push(`${counts}: ${detail}.`);
    if (namesMatch) parts.push(...typeHints(expected.columns, expected.rows, actual.rows));
    if (namesMatch) {
      if (diff.missing.length) parts.push(listRows("Missing (expected, not in yours):", diff.missing));
      if (diff.extra.length) parts.push(listRows("Extra (in yours, not expected):", diff.extra));
    }
  }
  parts.push(
    `Expected:\n${formatTable(expected.columns, expected.rows)}`,
    `Yours:\n${formatTable(actual.columns, actual.rows)}`,
  );
  return { pass: false, message: parts.join("\n\n") };
}

// ---- mode "tables" -------------------------------------------------------------------------------

export interface TableSnapshot {
  columns: { name: string; type: string; notNull: boolean; pk: number }[];
  rows: SqlValue[][];
}

/** SQLite's type affinity of a declared type (section 3.1 of the datatype docs). */
function affinity(declared: string): string {
  const t = declared.toUpperCase();
  if (t.includes("INT")) return "INTEGER";
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT")) return "TEXT";
  if (t === "" || t.includes("BLOB")) return "BLOB";
  if (t.includes("REAL") || t.includes("FLOA") || t.includes("DOUB")) return "REAL";
  return "NUMERIC";
}

/**
 * Compares one table's final state: columns (name, type affinity, NOT NULL, primary key) and rows.
 * Full message always; hidden datasets also get a learner summary (as compareRows).
 */
export function compareTable(
  table: string,
  expected: TableSnapshot,
  actual: TableSnapshot | null,
  hidden: boolean,
): Comparison {
  const full = compareTableFully(table, expected, actual);
  if (full.pass || !hidden) return full;
  if (actual === null) return { ...full, summary: full.message };
  const expectedNames = expected.columns.map((c) => c.name);
  const actualNames = actual.columns.map((c) => c.name);
  const columnsDiffer =
    expectedNames.length !== actualNames.length ||
    expected.columns.some((e, i) => {
      const a = actual.columns[i]!;
      return (
        !sameName(e.name, a.name) ||
        affinity(e.type) !== affinity(a.type) ||
        e.notNull !== a.notNull ||
        e.pk > 0 !== a.pk > 0
      );
    });
  const diff = diffRows(expected.rows, actual.rows);
  return {
    ...full,
    summary: `Table ${table}: ${hiddenSummary({ columns: columnsDiffer, missing: diff.missing.length > 0, extra: diff.extra.length > 0, order: false })}`,
  };
}

function compareTableFully(table: string, expected: TableSnapshot, actual: TableSnapshot | null): Comparison {
  if (actual === null) {
    return {
      pass: false,
      message: `Table ${table} does not exist at the end of your SQL. Check its name, and that CREATE TABLE ran.`,
    };
  }
  const parts: string[] = [];
  const expectedNames = expected.columns.map((c) => c.name);
  const actualNames = actual.columns.map((c) => c.name);
  const namesMatch =
    expectedNames.length === actualNames.length &&
    expectedNames.every((n, i) => sameName(n, actualNames[i]!));
  if (!namesMatch) {
    parts.push(
      `Table ${table} has the columns (${actualNames.join(", ")}); expected (${expectedNames.join(", ")}).`,
    );
  } else {
    expected.columns.forEach((e, i) => {
      const a = actual.columns[i]!;
      if (affinity(e.type) !== affinity(a.type))
        parts.push(`Column ${table}.${e.name}: type ${a.type || "(none)"}, expected ${e.type || "(none)"}.`);
      if (e.notNull !== a.notNull)
        parts.push(`Column ${table}.${e.name}: ${e.notNull ? "should be NOT NULL" : "should allow NULL"}.`);
      if (e.pk > 0 !== a.pk > 0)
        parts.push(
          `Column ${table}.${e.name}: ${e.pk > 0 ? "should be (part of) the PRIMARY KEY" : "should not be in the PRIMARY KEY"}.`,
        );
    });
  }
  const diff = diffRows(expected.rows, actual.rows);
  if (diff.missing.length || diff.extra.length) {
    parts.push(
      `Table ${table} holds ${plural(actual.rows.length, "row")}, expected ${expected.rows.length}: ` +
        [
          diff.missing.length ? `${plural(diff.missing.length, "expected row")} missing or different` : "",
          diff.extra.length ? `${plural(diff.extra.length, "row")} that should not be there` : "",
        ]
          .filter(Boolean)
          .join(", ") +
        ".",
    );
    if (namesMatch) {
      if (diff.missing.length) parts.push(listRows("Missing (expected, not in yours):", diff.missing));
      if (diff.extra.length) parts.push(listRows("Extra (in yours, not expected):", diff.extra));
    }
  }
  if (parts.length === 0) return { pass: true, message: "" };
  parts.push(
    `Expected ${table}:\n${formatTable(expectedNames, expected.rows)}`,
    `Your ${table}:\n${formatTable(actualNames, actual.rows)}`,
  );
  return { pass: false, message: parts.join("\n\n") };
}
