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
