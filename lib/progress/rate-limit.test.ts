import assert from "node:assert/strict";
import { test } from "node:test";
import { createRateLimiter, createWorkerTimeBudget } from "./rate-limit.ts";

test("allows `limit` requests per window and key, then says how long to wait", () => {
  const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
  assert.deepEqual(limiter.take("a", 0), { ok: true, remaining: 1 });
  assert.deepEqual(limiter.take("a", 1_000), { ok: true, remaining: 0 });
  assert.deepEqual(limiter.take("a", 30_000), { ok: false, retryAfterSeconds: 30 });
  // Other keys have their own budget.
  assert.equal(limiter.take("b", 30_000).ok, true);
  // A new window starts after windowMs.
  assert.deepEqual(limiter.take("a", 60_000), { ok: true, remaining: 1 });
});

test("memory stays bounded under many keys", () => {
  const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
  for (let i = 0; i < 25_000; i++) limiter.take(`ip:${i}`, 0);
  // Still works, and a recent key still has its window.
  assert.equal(limiter.take("ip:24999", 1).ok, false);
});

test("worker-time budget: jobs start while time is left, their cost is charged afterwards, debt delays the next", () => {
  const budget = createWorkerTimeBudget({ msPerMinute: 30_000 });
  assert.deepEqual(budget.check("v", 0), { ok: true });
  budget.charge("v", 20_000, 0);
  assert.deepEqual(budget.check("v", 0), { ok: true });
  // A 20 s endless loop overdraws the bucket by 10 s: 20 s at 0.5 s per second to get back above zero.
  budget.charge("v", 20_000, 0);
  assert.deepEqual(budget.check("v", 1_000), { ok: false, retryAfterSeconds: 19 });
  assert.deepEqual(budget.check("v", 20_001), { ok: true });
  // Others are not affected.
  assert.deepEqual(budget.check("w", 1_000), { ok: true });
});

test("worker-time budget: memory stays bounded under many keys", () => {
  const budget = createWorkerTimeBudget({ msPerMinute: 1_000 });
  for (let i = 0; i < 25_000; i++) budget.charge(`ip:${i}`, 5_000, 0);
  assert.equal(budget.check("ip:24999", 1).ok, false);
});
