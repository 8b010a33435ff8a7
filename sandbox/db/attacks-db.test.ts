/**
 * Hostile submissions against the new surfaces: the host bridge behind serverside:db, the test-only
 * module (query log, call counters), the per-test database, query floods and oversized seeds. Each
 * must get the stated verdict, and nothing may reach the host or the grading records.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createGrader, gradeResultSchema } from "../index.ts";
import type { Grader } from "../index.ts";
import { brief, visible } from "../testing/helpers.ts";
import type { CodeJob, GradeResult } from "../types.ts";

let grader: Grader;
before(() => {
  // One worker, so an attack aimed at the next submission lands where it runs.
  grader = createGrader({ workers: 1 });
});
after(async () => {
  await grader.close();
});

const SEED = `CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance INTEGER NOT NULL CHECK (balance >= 0));
INSERT INTO accounts VALUES (1, 'ada', 100), (2, 'bob', 50);`;
const database = { seeds: { bank: SEED }, seed: "bank" };

async function grade(code: string, tests: string, extra: Partial<CodeJob> = {}): Promise<GradeResult> {
  const job: CodeJob = {
    kind: "code",
    language: "ts",
    code,
    tests: [visible(tests)],
    database,
    limits: { timeoutMs: 4000, testTimeoutMs: 3000 },
    ...extra,
  };
  const result = await grader.grade(job);
  assert.ok(gradeResultSchema.safeParse(result).success, brief(result));
  return result;
}

/** Honest tests: a transfer helper checked through the query log and the final state. */
const TRANSFER_TESTS = `import { transfer } from "./solution";
import { database } from "serverside:test";
test("moves money in at most 3 queries", () => {
  transfer(1, 2, 30);
  expect(database.all("SELECT id, balance FROM accounts ORDER BY id")).toEqual([{ id: 1, balance: 70 }, { id: 2, balance: 80 }]);
  expect(database.queryCount()).toBeLessThanOrEqual(3);
});
test("starts from the seed again", () => {
  expect(database.get("SELECT balance FROM accounts WHERE id = 1")).toEqual({ balance: 100 });
});`;

describe("attacks on the database bridge and the test-only module", { concurrency: 1 }, () => {
  test("the host function is gone from the global object before learner code runs", async () => {
    const r = await grade(
      `const names = Object.getOwnPropertyNames(globalThis).filter((n) => /serverside|host/i.test(n));
const fns = Object.getOwnPropertyNames(globalThis).filter((n) => { try { return typeof (globalThis as any)[n] === "function" && String((globalThis as any)[n]).includes("native code") && !/^[A-Z]/.test(n) && !["parseInt","parseFloat","isNaN","isFinite","decodeURI","decodeURIComponent","encodeURI","encodeURIComponent","escape","unescape","eval","atob","btoa","structuredClone","setTimeout","setInterval","clearTimeout","clearInterval","queueMicrotask","fetch"].includes(n); } catch { return false; } });
export const found = [...names, ...fns];`,
      `import { found } from "./solution";
test("nothing", () => { expect(found).toEqual([]); });`,
    );
    assert.equal(r.status, "pass", brief(r));
  });

  test("learner code cannot import serverside:test to read or reset the query log or the counters", async () => {
    for (const code of [
      `import { database } from "serverside:test"; export function transfer() { database.resetQueries(); }`,
      `export function transfer() { const t = require("serverside:test"); t.calls.reset(); }`,
    ]) {
      const r = await grade(code, TRANSFER_TESTS);
      assert.notEqual(r.status, "pass", brief(r));
      assert.match(JSON.stringify(r), /only available in test files/);
    }
  });

  test("nothing on the db object leads to the host: its functions are frozen wrappers", async () => {
    const r = await grade(
      `import { db } from "serverside:db";
const seen = new Set<unknown>(); const found: string[] = [];
function walk(v: unknown, path: string, depth: number) {
  if ((typeof v !== "object" && typeof v !== "function") || v === null || seen.has(v) || depth > 4) return;
  seen.add(v);
  if (!Object.isFrozen(v)) found.push("not frozen: " + path);
  for (const k of Reflect.ownKeys(v as object)) { try { walk((v as any)[k], path + "." + String(k), depth + 1); } catch {} }
}
walk(db, "db", 0);
const stmt = db.prepare("SELECT 1"); walk(stmt, "stmt", 0);
try { (db as any).prepare = () => 1; } catch { /* frozen */ }
export const problems = found.filter((p) => !p.includes("prototype"));
export const prepareReplaced = (db as any).prepare("SELECT 1") === 1;`,
      `import { problems, prepareReplaced } from "./solution";
test("frozen", () => { expect(problems).toEqual([]); expect(prepareReplaced).toBe(false); });`,
    );
    assert.equal(r.status, "pass", brief(r));
  });

  test("a transaction left open in one test does not hold the database in the next", async () => {
    const r = await grade(
      `import { db } from "serverside:db";
export function transfer(from: number, to: number, amount: number) {
  db.exec("BEGIN");
  db.prepare("UPDATE accounts SET balance = balance - ? WHERE id = ?").run(amount, from);
  db.prepare("UPDATE accounts SET balance = balance + ? WHERE id = ?").run(amount, to);
  // never COMMIT: the next test must still start from the seed
}`,
      TRANSFER_TESTS,
    );
    // The first test sees its own uncommitted writes (same connection); the second starts fresh.
    assert.equal(r.tests[1]!.status, "pass", brief(r));
  });

  test("rows remembered from an earlier test are stale in the next one (each test has its own database)", async () => {
    const r = await grade(
      `import { db } from "serverside:db";
let cached: { id: number; balance: number }[] | null = null;
export function balances() { cached ??= db.prepare("SELECT id, balance FROM accounts ORDER BY id").all() as { id: number; balance: number }[]; return cached; }`,
      `import { balances } from "./solution";
import { database } from "serverside:test";
test("first", () => { expect(balances()[0].balance).toBe(100); });
test("second, after a deposit", () => { database.run("UPDATE accounts SET balance = 500 WHERE id = 1"); expect(balances()[0].balance).toBe(500); });`,
    );
    assert.equal(r.status, "fail", brief(r));
    assert.equal(r.tests[1]!.status, "fail");
  });

  test("a query flood ends as a clear error in the test, long before the time limit", async () => {
    const started = performance.now();
    const r = await grade(
      `import { db } from "serverside:db";
export function transfer() { const s = db.prepare("SELECT balance FROM accounts WHERE id = 1"); for (let i = 0; i < 1e7; i++) s.get(); }`,
      TRANSFER_TESTS,
    );
    assert.equal(r.tests[0]!.status, "error", brief(r));
    assert.match(r.tests[0]!.message!, /More than 2000 queries in one test/);
    assert.ok(performance.now() - started < 30_000);
  });

  test("a flood that catches each error still stops: every later query fails too, and the time limit holds", async () => {
    const r = await grade(
      `import { db } from "serverside:db";
export function transfer() { for (;;) { try { db.prepare("SELECT 1 AS x").get(); } catch { /* keep going */ } } }`,
      TRANSFER_TESTS,
    );
    assert.notEqual(r.status, "pass", brief(r));
    assert.match(JSON.stringify(r), /Timed out|time limit/);
  });

  test("SQL that would leave the in-memory database is refused through the bridge", async () => {
    for (const sql of [
      "ATTACH DATABASE '/etc/passwd' AS x",
      "PRAGMA hard_heap_limit = 0",
      "SELECT load_extension('/tmp/x.so')",
      "VACUUM INTO '/tmp/stolen.db'",
      "PRAGMA writable_schema = ON",
    ]) {
      const r = await grade(
        `import { db } from "serverside:db";
export function transfer() { db.exec(${JSON.stringify(sql)}); }`,
        TRANSFER_TESTS,
      );
      assert.equal(r.tests[0]!.status, "error", brief(r));
      assert.match(r.tests[0]!.message!, /not allowed|not available/, sql);
    }
  });

  test("filling the database ends with a SqliteError, not a bloated worker", async () => {
    const r = await grade(
      `import { db } from "serverside:db";
export function transfer() {
  db.exec("CREATE TABLE junk (x TEXT)");
  const s = db.prepare("INSERT INTO junk SELECT hex(randomblob(500000)) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i FROM n)");
  s.run();
}`,
      TRANSFER_TESTS,
      { limits: { timeoutMs: 8000, testTimeoutMs: 6000, memoryMb: 16 } },
    );
    assert.equal(r.tests[0]!.status, "error", brief(r));
    assert.match(r.tests[0]!.message!, /SqliteError: (database or disk is full|out of memory)/);
  });

  test("parameters that are not plain values are refused in the isolate (no object reaches the host)", async () => {
    const r = await grade(
      `import { db } from "serverside:db";
export function tryBind(v: unknown) { try { db.prepare("SELECT ? AS v").get(v as never); return "bound"; } catch (e) { return (e as Error).name + ": " + (e as Error).message; } }`,
      `import { tryBind } from "./solution";
test("refused", () => {
  const weird = [{ toJSON() { return 1; } }, [new Proxy({}, {})], () => 1, Symbol("x"), undefined, true, new Date(0)];
  for (const v of weird) expect(tryBind(v)).toMatch(/^TypeError: SQLite can only bind/);
});`,
    );
    assert.equal(r.status, "pass", brief(r));
  });

  test("oversized seeds are refused when the job is validated", async () => {
    const huge = `CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('${"x".repeat(1_100_000)}');`;
    const r = await grader.grade({
      kind: "code",
      language: "ts",
      code: "export const x = 1;",
      tests: [visible(`test("x", () => {});`)],
      database: { seeds: { big: huge }, seed: "big" },
    });
    assert.equal(r.status, "error", brief(r));
    assert.match(r.error!.message, /Invalid grading job/);
  });

  test("the next submission after all of the above still grades correctly", async () => {
    const r = await grade(
      `import { db } from "serverside:db";
export const transfer = db.transaction((from: number, to: number, amount: number) => {
  db.prepare("UPDATE accounts SET balance = balance - ? WHERE id = ?").run(amount, from);
  db.prepare("UPDATE accounts SET balance = balance + ? WHERE id = ?").run(amount, to);
});`,
      TRANSFER_TESTS.replace("toBeLessThanOrEqual(3)", "toBeLessThanOrEqual(4)"),
    );
    assert.equal(r.status, "pass", brief(r));
  });
});
