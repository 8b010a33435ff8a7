/**
 * SQL probes (constraints graded by which statements are accepted) and query-plan checks, with
 * real sql.js. Run: node --import tsx --test sandbox/sql/checks.test.ts
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { runSqlJob } from "./run-sql-job.ts";
import { DEFAULT_LIMITS } from "../limits.ts";
import type { GradeResult, SqlJob } from "../types.ts";

const brief = (r: GradeResult) =>
  JSON.stringify(
    { status: r.status, error: r.error, tests: r.tests.map((t) => [t.name, t.status, t.message]) },
    null,
    1,
  );

const USERS_SEED = `CREATE TABLE legacy_users (id INTEGER PRIMARY KEY, email TEXT);
INSERT INTO legacy_users VALUES (1, 'ada@example.com'), (2, 'ADA@example.com'), (3, 'grace@example.com');`;
const SCHEMA_SOLUTION = `CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email LIKE '%_@_%'),
  age INTEGER CHECK (age >= 0)
);
INSERT INTO users (id, email) SELECT min(id), lower(email) FROM legacy_users GROUP BY lower(email);`;
const PROBES = `INSERT INTO users (email, age) VALUES ('new@example.com', 30);
INSERT INTO users (email) VALUES (NULL);
INSERT INTO users (email) VALUES ('Grace@Example.com');
INSERT INTO users (email, age) VALUES ('kid@example.com', -1);
INSERT INTO users (email) VALUES ('no-at-sign');`;

function schemaJob(code: string, extra: Partial<SqlJob> = {}): SqlJob {
  return {
    kind: "sql",
    code,
    solution: SCHEMA_SOLUTION,
    datasets: [{ name: "users", seed: USERS_SEED }],
    compare: { mode: "tables", tables: ["users"] },
    probes: [
      { name: "probes.sql", sql: PROBES },
      {
        name: "hidden-probes.sql",
        sql: "INSERT INTO users (email) VALUES ('ADA@EXAMPLE.COM');\nINSERT INTO users (email) VALUES ('x@y.z');",
        hidden: true,
      },
    ],
    ...extra,
  };
}

describe("sql: probes", () => {
  test("a migration with every constraint passes: tables and both probe sets", async () => {
    const r = await runSqlJob(schemaJob(SCHEMA_SOLUTION.replace("min(id)", "MIN(id)")), DEFAULT_LIMITS);
    assert.equal(r.status, "pass", brief(r));
    assert.deepEqual(
      r.tests.map((t) => [t.name, t.hidden === true]),
      [
        ["dataset users", false],
        ["dataset users > probes.sql", false],
        ["dataset users > hidden-probes.sql", true],
      ],
    );
  });

  test("a missing constraint: the statement it should reject is named, with its line", async () => {
    const r = await runSqlJob(schemaJob(SCHEMA_SOLUTION.replace(" CHECK (age >= 0)", "")), DEFAULT_LIMITS);
    assert.equal(r.status, "fail", brief(r));
    const probe = r.tests.find((t) => t.name === "dataset users > probes.sql")!;
    assert.equal(probe.status, "fail");
    assert.match(
      probe.message!,
      /probes\.sql:4: INSERT INTO users \(email, age\) VALUES \('kid@example\.com', -1\);\n {2}should be rejected \(the reference refuses it: CHECK constraint failed/,
    );
  });

  test("a hidden probe set fails in general terms only", async () => {
    const r = await runSqlJob(schemaJob(SCHEMA_SOLUTION.replace(" COLLATE NOCASE", "")), DEFAULT_LIMITS);
    const hidden = r.tests.find((t) => t.name === "dataset users > hidden-probes.sql")!;
    assert.equal(hidden.status, "fail", brief(r));
    assert.doesNotMatch(hidden.message!, /ADA@EXAMPLE/);
    assert.match(
      hidden.message!,
      /1 of 2 hidden statements got the wrong outcome: 1 that must be rejected were accepted/,
    );
  });

  test("a statement the reference accepts and the learner's schema refuses (a stray constraint)", async () => {
    const r = await runSqlJob(
      schemaJob(
        SCHEMA_SOLUTION.replace(
          "age INTEGER CHECK (age >= 0)",
          "age INTEGER NOT NULL CHECK (age >= 0)",
        ).replace("SELECT min(id), lower(email)", "SELECT min(id), lower(email)"),
      ),
      DEFAULT_LIMITS,
    );
    assert.equal(r.status, "error", brief(r)); // the migration itself fails: NOT NULL age without values
    const r2 = await runSqlJob(
      schemaJob(SCHEMA_SOLUTION.replace("CHECK (email LIKE '%_@_%')", "CHECK (email NOT LIKE 'new%')")),
      DEFAULT_LIMITS,
    );
    const probe = r2.tests.find((t) => t.name === "dataset users > probes.sql")!;
    assert.match(
      probe.message!,
      /should be accepted, but your database rejected it: CHECK constraint failed/,
    );
  });
});

const SHOP_SEED = `CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), created_at TEXT NOT NULL, total INTEGER NOT NULL);
INSERT INTO customers VALUES (1, 'a@x'), (2, 'b@x');
INSERT INTO orders VALUES (1, 1, '2026-01-02', 10), (2, 2, '2026-01-01', 20), (3, 1, '2026-01-03', 30);`;
const PLANS = `SELECT id, total FROM orders WHERE customer_id = 1 ORDER BY created_at;
SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = 'a@x';`;

function planJob(code: string): SqlJob {
  return {
    kind: "sql",
    code,
    solution:
      "CREATE INDEX orders_customer_created ON orders(customer_id, created_at);\nCREATE INDEX customers_email ON customers(email);",
    datasets: [{ name: "shop", seed: SHOP_SEED }],
    compare: { mode: "tables", tables: ["orders", "customers"] },
    plans: [
      { name: "plans.sql", sql: PLANS },
      { name: "hidden-plans.sql", sql: "SELECT * FROM customers WHERE email = 'b@x';", hidden: true },
    ],
  };
}

describe("sql: query plans", () => {
  test("the right indexes (other names) pass; one test per query", async () => {
    const r = await runSqlJob(
      planJob(
        "CREATE INDEX a ON orders (customer_id, created_at); CREATE UNIQUE INDEX b ON customers (email);",
      ),
      DEFAULT_LIMITS,
    );
    assert.equal(r.status, "pass", brief(r));
    assert.deepEqual(
      r.tests.map((t) => t.name),
      [
        "dataset shop",
        "query plan: plans.sql:1",
        "query plan: plans.sql:2",
        "query plan: hidden-plans.sql:1",
      ],
    );
  });

  test("no index: full scans are named, with the learner's plan", async () => {
    const r = await runSqlJob(planJob("SELECT 1;"), DEFAULT_LIMITS);
    assert.equal(r.status, "fail", brief(r));
    const first = r.tests.find((t) => t.name === "query plan: plans.sql:1")!;
    assert.match(
      first.message!,
      /The query: SELECT id, total FROM orders WHERE customer_id = 1 ORDER BY created_at[\s\S]*reads every row of orders \(SCAN orders\)[\s\S]*sorts the rows for ORDER BY[\s\S]*Your plan \(EXPLAIN QUERY PLAN\):\n {2}SCAN orders/,
    );
    const hidden = r.tests.find((t) => t.name === "query plan: hidden-plans.sql:1")!;
    assert.equal(hidden.hidden, true);
    assert.doesNotMatch(hidden.message!, /Your plan|b@x/);
  });

  test("an index in the wrong column order still sorts", async () => {
    const r = await runSqlJob(
      planJob("CREATE INDEX a ON orders (created_at, customer_id); CREATE INDEX b ON customers (email);"),
      DEFAULT_LIMITS,
    );
    const first = r.tests.find((t) => t.name === "query plan: plans.sql:1")!;
    assert.equal(first.status, "fail", brief(r));
  });

  test("an index on customer_id alone: found through the index, but sorted afterwards", async () => {
    const r = await runSqlJob(
      planJob("CREATE INDEX a ON orders (customer_id); CREATE INDEX b ON customers (email);"),
      DEFAULT_LIMITS,
    );
    const first = r.tests.find((t) => t.name === "query plan: plans.sql:1")!;
    assert.equal(first.status, "fail", brief(r));
    assert.match(first.message!, /temporary b-tree/);
    assert.doesNotMatch(first.message!, /reads every row/);
    assert.equal(r.tests.find((t) => t.name === "query plan: plans.sql:2")!.status, "pass");
  });
});
