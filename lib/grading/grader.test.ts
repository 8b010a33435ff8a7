/**
 * The server grader's admission policy for visitors, on a real database and the real sandbox: a
 * visitor's grades are charged to a worker-time budget shared through the database, and a visitor
 * whose budget is spent is refused with 429 and Retry-After (never given a verdict); a closed pool
 * is a 503. Accounts' limits and draining are in grade-submission.test.ts.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-grader-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "grader");
process.env.SANDBOX_WORKERS = "1";
process.env.GRADER_VISITOR_WORKER_SECONDS_PER_MINUTE = "2";

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { AppError } = await import("../errors.ts");
const { createSharedWorkerTimeBudget } = await import("../db/buckets.ts");
const { gradeForOwner, getServerGrader, trackGrade, waitForGradesInFlight, gradesInFlight } =
  await import("./grader.ts");

const { ADD_JOB: JOB } = await import("./fixtures/add-job.ts");

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
});
after(async () => {
  await getServerGrader().close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bucketOf = (address: string) =>
  db.rateLimitBucket.findUnique({ where: { key: `worker:visitor:${address}` } });

test("a visitor's grade is graded and its worker time charged to the visitor's shared budget", async () => {
  const result = await gradeForOwner(JOB, { kind: "visitor", address: "192.0.2.10" });
  assert.equal(result.status, "pass", JSON.stringify(result));
  // The charge lands after the reply (fire and forget): wait for the row, generously.
  const deadline = Date.now() + 10_000;
  let tokens = 2000;
  while (Date.now() < deadline) {
    tokens = (await bucketOf("192.0.2.10"))?.tokens ?? 2000;
    if (tokens < 2000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.ok(tokens < 2000, `the budget was charged (tokens ${tokens})`);
  // An account's grade is not charged to any visitor budget.
  const before = await db.rateLimitBucket.count();
  assert.equal((await gradeForOwner(JOB, { kind: "user", id: "u1" })).status, "pass");
  assert.equal(await db.rateLimitBucket.count(), before);
});

test("a visitor whose worker time is spent is refused with 429 and a Retry-After the refill explains", async () => {
  // Another server charged this visitor 5 s of worker time (the budget is 2 s a minute).
  await createSharedWorkerTimeBudget({ msPerMinute: 2000 }).charge("visitor:192.0.2.20", 5000);
  await assert.rejects(gradeForOwner(JOB, { kind: "visitor", address: "192.0.2.20" }), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, "rate_limited");
    assert.equal(error.status, 429);
    // 3 s of debt refilled at 2 s a minute: 90 s (a little less as the clock moves on).
    const wait = Number(error.details?.retryAfterSeconds);
    assert.ok(wait >= 85 && wait <= 90, `retry after ${wait}`);
    assert.match(error.message, /sign in/);
    return true;
  });
  // Another visitor is not affected.
  assert.equal((await gradeForOwner(JOB, { kind: "visitor", address: "192.0.2.21" })).status, "pass");
});

test("trackGrade counts grades in flight; waitForGradesInFlight gives up after its timeout", async () => {
  let release = () => {};
  const held = trackGrade(() => new Promise<void>((resolve) => (release = resolve)));
  assert.equal(gradesInFlight(), 1);
  assert.equal(await waitForGradesInFlight(20), false);
  const idle = waitForGradesInFlight(30_000);
  release();
  await held;
  assert.equal(await idle, true);
  assert.equal(gradesInFlight(), 0);
});

test("a closed pool is 503 with Retry-After, not a verdict", async () => {
  await getServerGrader().close();
  await assert.rejects(gradeForOwner(JOB, { kind: "user", id: "u2" }), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, "unavailable");
    assert.ok(Number(error.details?.retryAfterSeconds) >= 1);
    return true;
  });
});
