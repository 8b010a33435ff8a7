/**
 * The SQL runner with real sql.js: verdicts, feedback, errors, refusals and bounds.
 * Run: node --import tsx --test sandbox/sql/run-sql-job.test.ts
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { runSqlJob, MAX_RESULT_ROWS } from "./run-sql-job.ts";
import { DEFAULT_LIMITS } from "../limits.ts";
import { toLearnerView } from "../disclosure.ts";
import type { Limits, SqlJob } from "../types.ts";

const LIMITS: Limits = { ...DEFAULT_LIMITS };

const SCHEMA = `CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author TEXT NOT NULL, price REAL NOT NULL, in_stock INTEGER NOT NULL);`;
const VISIBLE_SEED = `${SCHEMA}
INSERT INTO books VALUES (1, 'Dune', 'Herbert', 9.5, 1), (2, 'Emma', 'Austen', 7, 1), (3, 'Ulysses', 'Joyce', 15, 0),
  (4, 'Beloved', 'Morrison', 12, 1), (5, 'Ivanhoe', 'Scott', 7, 1);`;
const HIDDEN_SEED = `${SCHEMA}
INSERT INTO books VALUES (10, 'Secret Hidden Title', 'Nobody', 3, 1), (11, 'Another Secret', 'Someone', 30, 1), (12, 'Sold Out Secret', 'X', 5, 0);`;

/** "In-stock books under 13, cheapest first, ties by title." */
function rowsJob(code: string, overrides: Partial<SqlJob> = {}): SqlJob {
  return {
    kind: "sql",
    code,
    solution: "SELECT title, price FROM books WHERE in_stock = 1 AND price < 13 ORDER BY price, title;",
    datasets: [
      { name: "shop", seed: VISIBLE_SEED },
      { name: "second shop", seed: HIDDEN_SEED, hidden: true },
    ],
    compare: { mode: "rows", ordered: true },
    ...overrides,
  };
}

const CORRECT = "SELECT title, price FROM books WHERE in_stock = 1 AND price < 13 ORDER BY price, title;";

describe("sql: rows mode", () => {
  test("a correct answer passes every dataset, visible and hidden", async () => {
    const result = await runSqlJob(rowsJob(`-- my answer\n${CORRECT}`), LIMITS);
    assert.equal(result.status, "pass");
    assert.equal(result.version, 1);
    assert.deepEqual(
      result.tests.map((t) => [t.name, t.status, t.hidden ?? false]),
      [
        ["dataset shop", "pass", false],
        ["dataset second shop", "pass", true],
      ],
    );
    assert.equal(result.error, undefined);
  });

  test("equivalent SQL passes too: column case, aliases, IN vs OR, earlier statements", async () => {
    const result = await runSqlJob(
      rowsJob(
        "CREATE TEMP TABLE t AS SELECT * FROM books;\nSELECT b.TITLE, b.price FROM t AS b WHERE NOT (in_stock = 0 OR price >= 13) ORDER BY 2, 1",
      ),
      LIMITS,
    );
    assert.equal(result.status, "pass", JSON.stringify(result, null, 1));
  });

  test("a wrong column is named, and expected vs actual tables are shown", async () => {
    const result = await runSqlJob(
      rowsJob("SELECT title, author FROM books WHERE in_stock = 1 AND price < 13 ORDER BY price, title;"),
      LIMITS,
    );
    assert.equal(result.status, "fail");
    const message = result.tests[0]!.message!;
    assert.match(message, /Columns: expected \(title, price\), got \(title, author\)/);
    assert.match(message, /Expected:\n title +\| price\n/);
    assert.match(message, /Yours:\n title +\| author\n/);
    assert.match(message, /Dune +\| Herbert/);
  });

  test("right rows in the wrong order fail an ordered exercise, with the first wrong position", async () => {
    const result = await runSqlJob(
      rowsJob("SELECT title, price FROM books WHERE in_stock = 1 AND price < 13 ORDER BY price DESC;"),
      LIMITS,
    );
    assert.equal(result.status, "fail");
    assert.match(
      result.tests[0]!.message!,
      /right but in the wrong order: row 1 should be \('Emma', 7\), yours is \('Beloved', 12\)/,
    );
  });

  test("order does not matter when the exercise is unordered", async () => {
    const result = await runSqlJob(
      rowsJob("SELECT title, price FROM books WHERE price < 13 AND in_stock = 1 ORDER BY title DESC", {
        compare: { mode: "rows", ordered: false },
      }),
      LIMITS,
    );
    assert.equal(result.status, "pass");
  });

  test("a missing WHERE shows the extra rows and the counts", async () => {
    const result = await runSqlJob(rowsJob("SELECT title, price FROM books ORDER BY price, title;"), LIMITS);
    assert.equal(result.status, "fail");
    const message = result.tests[0]!.message!;
    assert.match(message, /Expected 4 rows, got 5: 1 row that should not be there/);
    assert.match(message, /Extra \(in yours, not expected\):\n  \('Ulysses', 15\)/);
  });

  test("hard-coded answers pass the visible dataset but the hidden one catches them, without showing its rows", async () => {
    const result = await runSqlJob(
      rowsJob("SELECT title, price FROM books WHERE id IN (2, 5, 1, 4) ORDER BY price, title;"),
      LIMITS,
    );
    assert.equal(result.status, "fail");
    assert.equal(result.tests[0]!.status, "pass");
    const hidden = result.tests[1]!;
    assert.equal(hidden.status, "fail");
    assert.equal(hidden.hidden, true);
    // Stored in full (instructors, the author CLI); learners get the summary: no count, no row.
    assert.match(hidden.message!, /Expected 1 row, got 0: 1 expected row missing/);
    assert.match(hidden.summary!, /Some expected rows are missing or different\..*This dataset is hidden/);
    assert.doesNotMatch(hidden.summary!, /\d/);
    const learnerView = toLearnerView(result);
    assert.equal(learnerView.tests[1]!.message, hidden.summary);
    assert.doesNotMatch(JSON.stringify(learnerView), /Secret|Nobody|Someone|Expected 1 row/);
  });

  test("a text value where a number is expected gets a type hint", async () => {
    const result = await runSqlJob(
      rowsJob(
        "SELECT title, CAST(price AS TEXT) AS price FROM books WHERE in_stock = 1 AND price < 13 ORDER BY 2, 1;",
      ),
      LIMITS,
    );
    assert.equal(result.status, "fail");
    assert.match(result.tests[0]!.message!, /Column price: expected numbers, got text/);
  });

  test("a last statement without rows is explained", async () => {
    const result = await runSqlJob(rowsJob(`${CORRECT}\nUPDATE books SET price = price;`), LIMITS);
    assert.equal(result.status, "fail");
    assert.match(result.tests[0]!.message!, /last statement returns no rows/);
  });
});

describe("sql: empty submissions and errors", () => {
  test("an empty or comment-only submission fails with 'write a query'", async () => {
    for (const code of ["", "   \n", "-- TODO\n/* later */ ;"]) {
      const result = await runSqlJob(rowsJob(code), LIMITS);
      assert.equal(result.status, "fail");
      assert.match(result.tests[0]!.message!, /Write a query/);
    }
  });

  test("a syntax error is a compile error with SQLite's message, the line and the statement", async () => {
    const result = await runSqlJob(
      rowsJob("SELECT title FROM books;\n\n  SELEC title, price\n  FROM books;"),
      LIMITS,
    );
    assert.equal(result.status, "error");
    assert.equal(result.error?.kind, "compile");
    assert.equal(result.error?.line, 3);
    assert.match(result.error!.message, /near "SELEC": syntax error/);
    assert.match(result.error!.message, /starting on line 3:\n  SELEC title, price\n  FROM books;/);
    assert.equal(result.tests.length, 1, "a compile error stops before the other datasets");
  });

  test("an unknown column lists the tables and columns that exist", async () => {
    const result = await runSqlJob(rowsJob("SELECT titel FROM books;"), LIMITS);
    assert.equal(result.error?.kind, "compile");
    assert.match(
      result.error!.message,
      /no such column: titel\nThe database has: books\(id, title, author, price, in_stock\)/,
    );
  });

  test("a runtime error (constraint) is a runtime error with its line", async () => {
    const job: SqlJob = {
      kind: "sql",
      code: "INSERT INTO books VALUES (6, 'New', 'Author', 5, 1);\nINSERT INTO books VALUES (1, 'Dup', 'Author', 5, 1);",
      solution: "INSERT INTO books VALUES (6, 'New', 'Author', 5, 1);",
      datasets: [{ name: "shop", seed: VISIBLE_SEED }],
      compare: { mode: "tables", tables: ["books"] },
    };
    const result = await runSqlJob(job, LIMITS);
    assert.equal(result.status, "error");
    assert.equal(result.error?.kind, "runtime");
    assert.equal(result.error?.line, 2);
    assert.match(result.error!.message, /UNIQUE constraint failed: books\.id/);
    assert.equal(result.tests[0]!.status, "error");
  });

  test("a broken exercise (reference fails) is an internal error, not the learner's", async () => {
    const result = await runSqlJob(rowsJob(CORRECT, { solution: "SELECT nope FROM books;" }), LIMITS);
    assert.equal(result.status, "error");
    assert.equal(result.error?.kind, "internal");
    assert.match(result.error!.message, /not your fault/);
  });

  test("time running out while a seed or the reference runs is a timeout, not a broken exercise", async () => {
    // A seed that takes longer than the whole job's budget (as any seed does on a loaded machine).
    const slowSeed = `${SCHEMA}\nCREATE TABLE n (x); WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) INSERT INTO n SELECT x FROM c;`;
    const result = await runSqlJob(rowsJob(CORRECT, { datasets: [{ name: "slow", seed: slowSeed }] }), {
      ...LIMITS,
      timeoutMs: 100,
    });
    assert.equal(result.status, "error");
    assert.equal(result.error?.kind, "timeout", JSON.stringify(result.error));
  });

  test("SQL longer than sourceBytes is refused", async () => {
    const result = await runSqlJob(rowsJob(`${CORRECT} -- ${"x".repeat(200)}`), {
      ...LIMITS,
      sourceBytes: 100,
    });
    assert.equal(result.error?.kind, "limit");
  });
});

describe("sql: tables mode", () => {
  const tablesJob = (code: string, solution: string, tables = ["books"]): SqlJob => ({
    kind: "sql",
    code,
    solution,
    datasets: [
      { name: "shop", seed: VISIBLE_SEED },
      { name: "second shop", seed: HIDDEN_SEED, hidden: true },
    ],
    compare: { mode: "tables", tables },
  });

  test("UPDATE: the right rows changed passes; a missing WHERE lists what differs", async () => {
    const solution = "UPDATE books SET price = price * 0.9 WHERE in_stock = 0;";
    assert.equal(
      (
        await runSqlJob(
          tablesJob("update books set price = round(price * 0.9, 2) where in_stock = 0", solution),
          LIMITS,
        )
      ).status,
      "pass",
    );
    const wrong = await runSqlJob(tablesJob("UPDATE books SET price = price * 0.9;", solution), LIMITS);
    assert.equal(wrong.status, "fail");
    assert.match(
      wrong.tests[0]!.message!,
      /Table books holds 5 rows, expected 5: 4 expected rows missing or different, 4 rows that should not be there/,
    );
    assert.match(
      wrong.tests[0]!.message!,
      /Missing \(expected, not in yours\):\n  \(1, 'Dune', 'Herbert', 9\.5, 1\)/,
    );
    assert.match(wrong.tests[0]!.message!, /Expected books:\n/);
    assert.match(
      wrong.tests[1]!.summary!,
      /^Table books: Some expected rows are missing or different\. There are rows that should not be there\./,
    );
    assert.doesNotMatch(toLearnerView(wrong).tests[1]!.message!, /Secret|\d/);
  });

  test("INSERT and DELETE: rows compared regardless of order", async () => {
    const insert =
      "INSERT INTO books (id, title, author, price, in_stock) VALUES (100, 'Middlemarch', 'Eliot', 11, 1);";
    assert.equal((await runSqlJob(tablesJob(insert, insert), LIMITS)).status, "pass");
    const missing = await runSqlJob(tablesJob("SELECT 1;", insert), LIMITS);
    assert.match(missing.tests[0]!.message!, /1 expected row missing/);
    const del = "DELETE FROM books WHERE in_stock = 0;";
    assert.equal(
      (await runSqlJob(tablesJob("DELETE FROM books WHERE NOT in_stock", del), LIMITS)).status,
      "pass",
    );
    const tooMuch = await runSqlJob(tablesJob("DELETE FROM books WHERE price < 100;", del), LIMITS);
    assert.equal(tooMuch.status, "fail");
    assert.match(tooMuch.tests[0]!.message!, /holds 0 rows, expected 4/);
  });

  test("CREATE TABLE: names, type affinity, NOT NULL and PRIMARY KEY are checked", async () => {
    const solution = "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER);";
    const ok = await runSqlJob(
      tablesJob(
        "create table authors (id integer primary key, name varchar(100) not null, born int)",
        solution,
        ["authors"],
      ),
      LIMITS,
    );
    assert.equal(ok.status, "pass", JSON.stringify(ok, null, 1));
    const loose = await runSqlJob(
      tablesJob("CREATE TABLE authors (id INTEGER, name TEXT, born TEXT);", solution, ["authors"]),
      LIMITS,
    );
    assert.equal(loose.status, "fail");
    const message = loose.tests[0]!.message!;
    assert.match(message, /authors\.id: should be \(part of\) the PRIMARY KEY/);
    assert.match(message, /authors\.name: should be NOT NULL/);
    assert.match(message, /authors\.born: type TEXT, expected INTEGER/);
    const absent = await runSqlJob(
      tablesJob("CREATE TABLE author (id INTEGER PRIMARY KEY);", solution, ["authors"]),
      LIMITS,
    );
    assert.match(absent.tests[0]!.message!, /Table authors does not exist/);
  });
});

describe("sql: refusals and bounds", () => {
  test("ATTACH, DETACH, load_extension, VACUUM INTO and dangerous PRAGMAs are refused with a clear message", async () => {
    const cases: [string, RegExp][] = [
      ["ATTACH DATABASE '/etc/passwd' AS x; SELECT 1;", /ATTACH is not allowed/],
      ["attach ':memory:' as scratch;", /ATTACH is not allowed/],
      ["SELECT load_extension('/tmp/evil.so');", /load_extension is not available/],
      ["VACUUM INTO '/tmp/copy.db';", /VACUUM INTO is not allowed/],
      ["PRAGMA max_page_count = 1000000000;", /PRAGMA max_page_count is not allowed/],
      ["PRAGMA writable_schema = ON;", /PRAGMA writable_schema is not allowed/],
      ['PRAGMA "hard_heap_limit" = 0;', /This PRAGMA is not allowed/],
      ["/* sneaky */ pragma main . temp_store = 0;", /PRAGMA temp_store is not allowed/],
    ];
    for (const [code, expected] of cases) {
      const result = await runSqlJob(rowsJob(code), LIMITS);
      assert.equal(result.status, "error", code);
      assert.match(result.error!.message, expected, code);
    }
  });

  test("the words inside strings, comments and quoted names are not refused; allowed PRAGMAs run", async () => {
    const result = await runSqlJob(
      rowsJob(
        `-- attach pragma\nPRAGMA foreign_keys = ON;\nSELECT title AS "attach", price FROM books WHERE title <> 'PRAGMA writable_schema' AND in_stock = 1 AND price < 13 ORDER BY price, title;`,
        {
          compare: { mode: "rows", ordered: true },
          solution: `SELECT title AS "attach", price FROM books WHERE in_stock = 1 AND price < 13 ORDER BY price, title;`,
        },
      ),
      LIMITS,
    );
    assert.equal(result.status, "pass", JSON.stringify(result, null, 1));
  });

  test("an endless recursive CTE that yields rows stops at the row cap", async (t) => {
    const t0 = performance.now();
    const result = await runSqlJob(
      rowsJob("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x, x FROM n;"),
      LIMITS,
    );
    // The verdict shows the cap stopped it (a time limit would say "timeout"); the time is only reported:
    // a wall-clock bound failed at load 12 on two cores.
    t.diagnostic(`stopped at the row cap after ${(performance.now() - t0).toFixed(0)} ms`);
    assert.equal(result.status, "error");
    assert.equal(result.error?.kind, "output");
    assert.match(
      result.error!.message,
      new RegExp(`more than ${MAX_RESULT_ROWS.toLocaleString("en-US")} rows`),
    );
  });

  test("a recursive CTE bomb that only grows memory ends with an out-of-memory error, not a bloated process", async (t) => {
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const result = await runSqlJob(
      rowsJob("WITH RECURSIVE n(x) AS (SELECT 1 UNION SELECT x + 1 FROM n) SELECT count(*) FROM n;"),
      { ...LIMITS, memoryMb: 16 },
    );
    const ms = performance.now() - t0;
    const grewMb = (process.memoryUsage().rss - rssBefore) / 1e6;
    t.diagnostic(
      `UNION CTE bomb with memoryMb 16: ${result.error?.kind} after ${ms.toFixed(0)} ms, RSS grew ${grewMb.toFixed(0)} MB`,
    );
    assert.equal(result.error?.kind, "memory");
    assert.match(result.error!.message, /ran out of memory/);
    assert.ok(grewMb < 200, `RSS grew ${grewMb} MB`);
  });

  test("huge values are stopped by SQLite's heap limit; a growing database by its size limit", async () => {
    const blob = await runSqlJob(rowsJob("SELECT length(randomblob(500000000));"), LIMITS);
    assert.equal(blob.error?.kind, "memory");
    const grow = await runSqlJob(
      rowsJob(
        "CREATE TABLE big(b); WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT 100000) INSERT INTO big SELECT randomblob(1000) FROM n;",
      ),
      { ...LIMITS, memoryMb: 16 },
    );
    assert.equal(grow.error?.kind, "memory");
    assert.match(grow.error!.message, /grew past its 16 MB limit/);
  });

  test("a giant result is capped by rows and by size", async () => {
    const rows = await runSqlJob(
      rowsJob("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT 50000) SELECT x FROM n;"),
      LIMITS,
    );
    assert.equal(rows.error?.kind, "output");
    const wide = await runSqlJob(
      rowsJob(
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n LIMIT 5000) SELECT printf('%.2000c', 'x') FROM n;",
      ),
      LIMITS,
    );
    assert.equal(wide.error?.kind, "output");
    assert.match(wide.error!.message, /larger than/);
  });

  test("time is checked between rows and statements: a slow query ends with a timeout", async () => {
    const t0 = performance.now();
    const result = await runSqlJob(
      rowsJob(
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n WHERE x % 100000 = 0;",
      ),
      { ...LIMITS, timeoutMs: 300 },
    );
    assert.equal(result.error?.kind, "timeout");
    assert.ok(performance.now() - t0 < 2_000);
  });

  test("more than 500 statements are refused", async () => {
    const result = await runSqlJob(rowsJob("SELECT 1;".repeat(501)), LIMITS);
    assert.equal(result.error?.kind, "limit");
  });

  test("refusals name the line; a refused word anywhere in the script stops it before anything runs", async () => {
    const result = await runSqlJob(
      rowsJob("CREATE TABLE log(x);\nINSERT INTO log VALUES (1);\nATTACH ':memory:' AS x;"),
      LIMITS,
    );
    assert.equal(result.error?.kind, "compile");
    assert.equal(result.error?.line, 3);
  });

  test("the sandbox's SQL cannot read host files: there is no file function, and ATTACH is refused", async () => {
    const result = await runSqlJob(rowsJob("SELECT readfile('/etc/passwd');"), LIMITS);
    assert.equal(result.error?.kind, "compile");
    assert.match(result.error!.message, /no such function: readfile/);
  });
});
