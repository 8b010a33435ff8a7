/**
 * A small in-memory rate limiter (fixed window per key) for grading from the lesson page: grading
 * costs CPU, and a visitor needs no account to run code. In memory on purpose: it guards one
 * process's CPU, so losing it on restart is fine (sign-in limits, which must survive restarts, are
 * in the database instead).
 */

export interface RateLimiter {
  /** Counts one request for `key`; `ok: false` with the seconds to wait once the window is full. */
  take(key: string, now?: number): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };
}

/** Keys kept before old windows are swept, so a flood of addresses cannot grow memory without bound. */
const MAX_KEYS = 10_000;

/** `limit` requests per `windowMs` for each key. */
export function createRateLimiter({ limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, now = Date.now()) {
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        if (windows.size >= MAX_KEYS) {
          for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
          // Still full of live windows: drop the oldest tenth (Map keeps insertion order) rather than grow.
          let drop = windows.size >= MAX_KEYS ? MAX_KEYS / 10 : 0;
          for (const k of windows.keys()) {
            if (drop-- <= 0) break;
            windows.delete(k);
          }
        }
        window = { start: now, count: 0 };
        windows.set(key, window);
      }
      if (window.count >= limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) };
      window.count += 1;
      return { ok: true, remaining: limit - window.count };
    },
  };
}

export interface WorkerTimeBudget {
  /** Whether `key` may start a job now; when not, the seconds until its budget is positive again. */
  check(key: string, now?: number): { ok: true } | { ok: false; retryAfterSeconds: number };
  /** Charges `ms` of worker time to `key` (after the fact: a job's cost is known when it ends). */
  charge(key: string, ms: number, now?: number): void;
}

/**
 * A budget of worker time per key: a bucket of `msPerMinute` that refills at that rate, charged
 * with what each job actually cost. A job may start while the bucket is not empty and may overdraw
 * it (its cost is known only afterwards); the debt delays the next job. Why worker time and not
 * requests: six visitor submits of an endless loop on a 20 s exercise held the grader for two minutes
 * while counting as six requests.
 */
export function createWorkerTimeBudget({ msPerMinute }: { msPerMinute: number }): WorkerTimeBudget {
  const buckets = new Map<string, { ms: number; updatedAt: number }>();
  const ratePerMs = msPerMinute / 60_000;
  const bucketOf = (key: string, now: number) => {
    const bucket = buckets.get(key) ?? { ms: msPerMinute, updatedAt: now };
    bucket.ms = Math.min(msPerMinute, bucket.ms + (now - bucket.updatedAt) * ratePerMs);
    bucket.updatedAt = now;
    return bucket;
  };
  return {
    check(key, now = Date.now()) {
      const bucket = buckets.get(key) ? bucketOf(key, now) : null;
      if (!bucket || bucket.ms > 0) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(-bucket.ms / ratePerMs / 1000)) };
    },
    charge(key, ms, now = Date.now()) {
      if (!buckets.has(key) && buckets.size >= MAX_KEYS) {
        // Full buckets carry no information: forget them first, then the oldest tenth.
        for (const [k, b] of buckets) if (b.ms + (now - b.updatedAt) * ratePerMs >= msPerMinute) buckets.delete(k);
        let drop = buckets.size >= MAX_KEYS ? MAX_KEYS / 10 : 0;
        for (const k of buckets.keys()) {
          if (drop-- <= 0) break;
          buckets.delete(k);
        }
      }
      const bucket = bucketOf(key, now);
      bucket.ms -= ms;
      buckets.set(key, bucket);
    },
  };
}
