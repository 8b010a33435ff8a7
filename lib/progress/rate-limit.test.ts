import assert from "node:assert/strict";
import { test } from "node:test";
import { createRateLimiter } from "./rate-limit.ts";

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
