import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "./test-database.ts";

// A real database (SQLite, or PostgreSQL under npm run test:pg); env is read when lib/ modules load.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-buckets-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "buckets");
const { getDatabaseUrl } = await import("../env.ts");
const { applyMigrations } = await import("./migrate.ts");
const { db } = await import("../db.ts");
const { createSharedWorkerTimeBudget, deleteIdleBuckets, takeFromBucket, takeRequest } =
  await import("./buckets.ts");
const { takeTokens } = await import("../api/rate-limit.ts");

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
});

after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("requests: a burst of `limit`, then a wait that the refill explains; keys are separate", async () => {
  assert.deepEqual(await takeRequest("t:a", 2, 0), { ok: true });
  assert.deepEqual(await takeRequest("t:a", 2, 0), { ok: true });
  // Empty: one request's worth comes back in 30 s at 2 a minute.
  assert.deepEqual(await takeRequest("t:a", 2, 0), { ok: false, retryAfterSeconds: 30 });
  assert.deepEqual(await takeRequest("t:a", 2, 20_000), { ok: false, retryAfterSeconds: 10 });
  assert.deepEqual(await takeRequest("t:b", 2, 20_000), { ok: true });
  assert.deepEqual(await takeRequest("t:a", 2, 30_000), { ok: true });
});

test("API key buckets: a batch takes several tokens at once, capped at the bucket, with RateLimit numbers", async () => {
  const first = await takeTokens("k1", 10, 4, 0);
  assert.deepEqual(first, { allowed: true, limit: 10, remaining: 6, resetSeconds: 24, retryAfterSeconds: 0 });
  assert.equal((await takeTokens("k1", 10, 7, 0)).allowed, false, "7 > 6 left: refused, nothing taken");
  assert.equal((await takeTokens("k1", 10, 6, 0)).remaining, 0);
  const refused = await takeTokens("k1", 10, 1, 0);
  assert.deepEqual([refused.allowed, refused.retryAfterSeconds], [false, 6]);
  // A batch bigger than the bucket costs the whole bucket, not forever refused.
  assert.equal((await takeTokens("k2", 10, 50, 0)).allowed, true);
});

test("concurrent takes from one bucket never grant more than it holds", async () => {
  const results = await Promise.all(Array.from({ length: 40 }, () => takeRequest("t:race", 15, 1_000)));
  assert.equal(results.filter((result) => result.ok).length, 15);
});

test("worker-time budget: jobs start while time is left, their cost is charged afterwards, debt delays the next", async () => {
  const budget = createSharedWorkerTimeBudget({ msPerMinute: 30_000 });
  assert.deepEqual(await budget.check("v", 0), { ok: true });
  await budget.charge("v", 20_000, 0);
  assert.deepEqual(await budget.check("v", 0), { ok: true });
  // A 20 s endless loop overdraws the bucket by 10 s: 20 s at 0.5 s per second to get back above zero.
  await budget.charge("v", 20_000, 0);
  assert.deepEqual(await budget.check("v", 1_000), { ok: false, retryAfterSeconds: 19 });
  assert.deepEqual(await budget.check("v", 20_001), { ok: true });
  assert.deepEqual(await budget.check("w", 1_000), { ok: true });
});

test("buckets idle for a day are deleted (a missing row is a full bucket)", async () => {
  const now = 10 * 24 * 60 * 60 * 1000;
  await takeFromBucket({
    key: "t:old",
    capacity: 1,
    refillPerMinute: 1,
    need: 1,
    cost: 1,
    now: now - 25 * 60 * 60 * 1000,
  });
  await takeFromBucket({
    key: "t:recent",
    capacity: 1,
    refillPerMinute: 1,
    need: 1,
    cost: 1,
    now: now - 60_000,
  });
  assert.ok((await deleteIdleBuckets(now)) >= 1);
  const keys = (await db.rateLimitBucket.findMany({ select: { key: true } })).map((row) => row.key);
  assert.ok(!keys.includes("t:old"));
  assert.ok(keys.includes("t:recent"));
});
