/**
 * Database-backed code jobs, call counters and measure(), end to end through the real grader:
 * "serverside:db" for learner code, "serverside:test" for test files only.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createGrader, gradeResultSchema } from "../index.ts";
import type { Grader } from "../index.ts";
import { brief, codeJob, visible } from "../testing/helpers.ts";
import type { CodeJob, GradeResult } from "../types.ts";

let grader: Grader;
before(() => {
  grader = createGrader({ workers: 2 });
});
after(async () => {
  await grader.close();
});

export const SHOP_SEED = `CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL);
INSERT INTO authors (id, name) VALUES (1, 'Le Guin'), (2, 'Okorafor');
INSERT INTO books (author_id, title) VALUES (1, 'The Dispossessed'), (1, 'The Lathe of Heaven'), (2, 'Binti');
`;
const EMPTY_SEED = `CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL);`;
const database = { seeds: { shop: SHOP_SEED, empty: EMPTY_SEED }, seed: "shop" };

async function run(
  code: string,
  tests: string,
  extra: Partial<CodeJob> = { database },
): Promise<GradeResult> {
  const result = await grader.grade(
    codeJob(code, [visible(tests)], { timeoutMs: 4000, testTimeoutMs: 2000 }, extra),
  );
  assert.ok(gradeResultSchema.safeParse(result).success, `result matches the contract: ${brief(result)}`);
  return result;
}
const statusOf = (r: GradeResult, name: string) => r.tests.find((t) => t.name === name)?.status;

describe("serverside:db", { concurrency: 2 }, () => {
  test("learner code queries the seeded database; tests inspect it and count queries", async () => {
    const r = await run(
      `import { db } from "serverside:db";
export function titles(author: string): string[] {
  return db.prepare("SELECT b.title FROM books b JOIN authors a ON a.id = b.author_id WHERE a.name = ? ORDER BY b.title").all(author).map((r: any) => r.title);
}
export function addBook(authorId: number, title: string) {
  return db.prepare("INSERT INTO books (author_id, title) VALUES (:a, :t)").run({ a: authorId, t: title });
}`,
      `import { titles, addBook } from "./solution";
import { database } from "serverside:test";
test("reads", () => {
  expect(titles("Le Guin")).toEqual(["The Dispossessed", "The Lathe of Heaven"]);
  expect(database.queryCount()).toBe(1);
  expect(database.queries()[0].params).toEqual(["Le Guin"]);
});
test("writes persist within a test, uncounted inspection", () => {
  const info = addBook(2, "Lagoon");
  expect(info).toEqual({ changes: 1, lastInsertRowid: 4 });
  expect(titles("Okorafor")).toEqual(["Binti", "Lagoon"]);
  expect(database.get("SELECT count(*) AS n FROM books")).toEqual({ n: 4 });
  expect(database.queryCount()).toBe(2);
});
test("each test starts fresh", () => {
  expect(database.get("SELECT count(*) AS n FROM books")).toEqual({ n: 3 });
});
test("another seed", () => {
  database.use("empty");
  expect(titles("Le Guin")).toEqual([]);
});
test("constraint errors reach the code as SqliteError", () => {
  let caught: any;
  try { addBook(99, "Nobody's"); } catch (e) { caught = e; }
  expect(caught.name).toBe("SqliteError");
  expect(caught.code).toBe("SQLITE_CONSTRAINT_FOREIGNKEY");
  expect(caught.message).toMatch(/FOREIGN KEY constraint failed/);
});`,
    );
    assert.equal(r.status, "pass", brief(r));
  });

  test("an error from the database is a runtime error with the learner's line", async () => {
    const r = await run(
      `import { db } from "serverside:db";
export function count(): number {
  return db.prepare("SELECT count(*) AS n FROM bookz").get().n;
}`,
      `import { count } from "./solution";
test("counts", () => { expect(count()).toBe(3); });`,
    );
    assert.equal(statusOf(r, "counts"), "error", brief(r));
    assert.match(r.tests[0]!.message!, /SqliteError: no such table: bookz[\s\S]*solution\.ts:3/);
  });

  test("the database is per test, not per module: top-level queries fail clearly", async () => {
    const r = await run(
      `import { db } from "serverside:db";
export const all = db.prepare("SELECT * FROM books").all();`,
      `import { all } from "./solution";
test("x", () => { expect(all.length).toBe(3); });`,
    );
    assert.equal(r.status, "error");
    assert.match(r.error!.message, /opens fresh for each test/);
  });

  test("without a database declared, serverside:db says so", async () => {
    const r = await run(
      `import { db } from "serverside:db";
export const f = () => db.prepare("SELECT 1 AS one").get();`,
      `import { f } from "./solution";
test("x", () => { expect(f()).toEqual({ one: 1 }); });`,
      {},
    );
    assert.equal(statusOf(r, "x"), "error");
    assert.match(r.tests[0]!.message!, /has no database/);
  });
});

describe("serverside:test: counters and measure", { concurrency: 2 }, () => {
  test("counts crypto calls and records their arguments for tests", async () => {
    const r = await run(
      `export function same(a: Uint8Array, b: Uint8Array): boolean { return crypto.timingSafeEqual(a, b); }
export function naive(a: string, b: string): boolean { return a === b; }`,
      `import { same, naive } from "./solution";
import { calls } from "serverside:test";
test("timingSafeEqual is counted", () => {
  expect(same(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
  expect(calls.count("crypto.timingSafeEqual")).toBe(1);
  expect(calls.args("crypto.timingSafeEqual")[0]).toEqual([new Uint8Array([1, 2]), new Uint8Array([1, 2])]);
});
test("counts reset per test", () => {
  expect(naive("a", "a")).toBe(true);
  expect(calls.count("crypto.timingSafeEqual")).toBe(0);
});`,
      {},
    );
    assert.equal(r.status, "pass", brief(r));
  });

  test("learner code cannot import serverside:test", async () => {
    const r = await run(
      `import { calls } from "serverside:test";
export const f = () => calls.count("crypto.timingSafeEqual");`,
      `import { f } from "./solution";
test("x", () => { expect(f()).toBe(0); });`,
      {},
    );
    assert.equal(r.status, "error");
    assert.match(r.error!.message, /only available in test files/);
  });

  test("measure() tells O(n) from O(1) against the reference in the same run", async () => {
    const reference = `export function last(xs: number[]): number { return xs[xs.length - 1]; }`;
    const slow = `export function last(xs: number[]): number { let v = 0; for (const x of xs) v = x; return v; }`;
    const hidden = `import { last } from "./solution";
import { last as refLast } from "./reference";
import { measure } from "serverside:test";
test("constant time", () => {
  const big = Array.from({ length: 200000 }, (_, i) => i);
  const loop = (f: (xs: number[]) => number) => () => { for (let i = 0; i < 200; i++) f(big); };
  loop(last)(); loop(refLast)();
  const mine = measure(loop(last)), ref = measure(loop(refLast));
  expect(mine).toBeLessThan(Math.max(ref * 20, 2));
});`;
    const job = (code: string): CodeJob => ({
      kind: "code",
      language: "ts",
      code,
      reference,
      tests: [{ name: "hidden.test.ts", source: hidden, hidden: true }],
      limits: { timeoutMs: 8000, testTimeoutMs: 6000 },
    });
    const good = await grader.grade(job(reference.replace("xs.length - 1", "xs.length-1")));
    assert.equal(good.status, "pass", brief(good));
    const bad = await grader.grade(job(slow));
    assert.equal(bad.status, "fail", brief(bad));
  });

  test("learner code and visible tests cannot import the reference", async () => {
    const r = await grader.grade({
      kind: "code",
      language: "ts",
      code: `import { last } from "./reference"; export { last };`,
      reference: `export const last = (xs: number[]) => xs[xs.length - 1];`,
      tests: [
        visible(`import { last } from "./solution"; test("x", () => { expect(last([1, 2])).toBe(2); });`),
      ],
    });
    assert.equal(r.status, "error", brief(r));
    assert.match(r.error!.message, /Cannot find module '\.\/reference'/);
  });
});
