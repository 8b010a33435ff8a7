/**
 * Reused SQLite statements (sqlite-statements.ts), through the real Prisma client of lib/db.ts on a
 * real SQLite file: repeated queries compile nothing new, give the right rows for new arguments,
 * and errors (a unique violation, a rolled-back transaction) leave the cached statements usable.
 * SQLite only: PostgreSQL's adapter is not patched.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-statements-"));
process.env.DATABASE_URL = `file:${path.join(dir, "statements.db")}`;

// Counts statements SQLite really compiles (the cache calls the prototype's prepare on a miss).
const nativePrepare = Database.prototype.prepare;
let compiled = 0;
Database.prototype.prepare = function (this: Database.Database, sql: string) {
  compiled++;
  return nativePrepare.call(this, sql);
} as typeof nativePrepare;

const { applyMigrations } = await import("./migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { reuseStatements } = await import("./sqlite-statements.ts");

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
});
after(async () => {
  Database.prototype.prepare = nativePrepare;
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function work(i: number) {
  const user = await db.user.create({ data: { email: `u${i}@example.com` }, select: { id: true } });
  await db.$transaction(async (tx) => {
    await tx.progress.upsert({
      where: { userId_lessonId: { userId: user.id, lessonId: "l" } },
      create: { userId: user.id, lessonId: "l", attempts: 1 },
      update: { attempts: { increment: 1 } },
    });
  });
  return db.user.findUnique({ where: { id: user.id }, select: { email: true, progress: true } });
}

test("the same queries again compile no statement, and read the rows of their own arguments", async () => {
  await work(0);
  const before = compiled;
  for (let i = 1; i <= 20; i++) {
    const found = await work(i);
    assert.equal(found?.email, `u${i}@example.com`);
    assert.deepEqual(
      found?.progress.map((p) => p.attempts),
      [1],
    );
  }
  assert.equal(compiled, before, "no statement compiled after the first round");
  assert.equal(await db.user.count(), 21);
});

test("a unique violation is still Prisma's P2002, and its statement works afterwards", async () => {
  await db.user.create({ data: { email: "dup@example.com" } });
  await assert.rejects(db.user.create({ data: { email: "dup@example.com" } }), { code: "P2002" });
  await db.user.create({ data: { email: "dup2@example.com" } });
  assert.equal(await db.user.count({ where: { email: { startsWith: "dup" } } }), 2);
});

test("a transaction that throws rolls back, and the next one commits", async () => {
  await assert.rejects(
    db.$transaction(async (tx) => {
      await tx.user.create({ data: { email: "gone@example.com" } });
      throw new Error("stop");
    }),
    /stop/,
  );
  await db.$transaction(async (tx) => {
    await tx.user.create({ data: { email: "kept@example.com" } });
  });
  assert.equal(await db.user.count({ where: { email: "gone@example.com" } }), 0);
  assert.equal(await db.user.count({ where: { email: "kept@example.com" } }), 1);
});

test("the cache keeps at most `size` statements, least recently used out first", () => {
  const database = new Database(":memory:");
  reuseStatements(database, 2);
  const start = compiled;
  const value = (n: number) => database.prepare(`SELECT ${n} AS v`).bind([]).raw().all();
  assert.deepEqual(value(1), [[1]]);
  value(2);
  value(1); // 1 is now the most recent
  value(3); // evicts 2
  assert.equal(compiled - start, 3);
  value(1);
  assert.equal(compiled - start, 3, "1 was kept");
  value(2);
  assert.equal(compiled - start, 4, "2 was evicted and compiled again");
  const insert = database.prepare("SELECT ? + ? AS v");
  assert.deepEqual(insert.bind([2, 3]).raw().all(), [[5]]);
  assert.deepEqual(database.prepare("SELECT ? + ? AS v").bind([4, 5]).raw().all(), [[9]]);
  assert.throws(() => database.prepare("SELECT 1").raw(false), /not supported/);
  database.close();
});
