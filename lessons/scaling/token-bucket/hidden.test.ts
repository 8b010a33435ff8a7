import { TokenBucket } from "./solution";

function makeLimiter(capacity: number, refillPerSecond: number) {
  let t = 0;
  const limiter = new TokenBucket({ capacity, refillPerSecond, now: () => t });
  return { limiter, tick: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}

/** How many of `n` back-to-back requests for `key` are allowed. */
function burst(limiter: TokenBucket, key: string, n: number): number {
  let allowed = 0;
  for (let i = 0; i < n; i++) if (limiter.take(key).allowed) allowed++;
  return allowed;
}

describe("bursts and refill", () => {
  test("capacity 5: a fresh key gets a burst of exactly 5 out of 8 requests", () => {
    const { limiter } = makeLimiter(5, 1);
    expect(burst(limiter, "k", 8)).toBe(5);
  });

  test("capacity 1, 4 tokens per second: refused at 249 ms, allowed at 250 ms (the exact moment a token is back)", () => {
    const { limiter, tick } = makeLimiter(1, 4);
    limiter.take("k");
    tick(249);
    expect(limiter.take("k").allowed).toBe(false);
    tick(1);
    expect(limiter.take("k").allowed).toBe(true);
  });

  test("after an hour of silence a bucket holds no more than its capacity: 4 of 10 requests pass", () => {
    const { limiter, tick } = makeLimiter(4, 10);
    burst(limiter, "k", 4);
    tick(3_600_000);
    expect(burst(limiter, "k", 10)).toBe(4);
  });

  test("capacity 1, 2 per second: requests at 0, 400 and 800 ms → allowed, refused, allowed (partial refills add up)", () => {
    const { limiter, set } = makeLimiter(1, 2);
    expect(limiter.take("k").allowed).toBe(true);
    set(400);
    expect(limiter.take("k").allowed).toBe(false);
    set(800);
    expect(limiter.take("k").allowed).toBe(true);
  });

  test("10 per second, capacity 1: after ten calls 10 ms apart exactly one token is back (the arithmetic is exact)", () => {
    const { limiter, tick } = makeLimiter(1, 10);
    limiter.take("k");
    for (let i = 0; i < 9; i++) {
      tick(10);
      expect(limiter.take("k").allowed).toBe(false);
    }
    tick(10);
    expect(limiter.take("k").allowed).toBe(true);
  });

  test("a steady 2 requests per second against 2 per second, capacity 2 → every request is allowed for a minute", () => {
    const { limiter, tick } = makeLimiter(2, 2);
    let refused = 0;
    for (let i = 0; i < 120; i++) {
      if (!limiter.take("k").allowed) refused++;
      tick(500);
    }
    expect(refused).toBe(0);
  });
});

describe("refused requests", () => {
  test("a refused request takes no tokens: hammering an empty bucket does not delay the next token", () => {
    const { limiter, tick } = makeLimiter(1, 1);
    limiter.take("k");
    for (let i = 0; i < 9; i++) {
      tick(100);
      limiter.take("k");
    }
    tick(100);
    expect(limiter.take("k").allowed).toBe(true);
  });

  test("retryAfterMs counts down: capacity 1, 1 per second, refused at 0 → 1000, at 300 → 700, at 999 → 1", () => {
    const { limiter, set } = makeLimiter(1, 1);
    limiter.take("k");
    expect(limiter.take("k").retryAfterMs).toBe(1000);
    set(300);
    expect(limiter.take("k").retryAfterMs).toBe(700);
    set(999);
    expect(limiter.take("k").retryAfterMs).toBe(1);
  });

  test("retryAfterMs rounds up to whole ms: 3 per second, empty bucket → 334 (333 would be too early)", () => {
    const { limiter } = makeLimiter(1, 3);
    limiter.take("k");
    expect(limiter.take("k").retryAfterMs).toBe(334);
  });

  test("an allowed request reports retryAfterMs 0 and the whole tokens left", () => {
    const { limiter, tick } = makeLimiter(3, 2);
    burst(limiter, "k", 3);
    tick(750);
    expect(limiter.take("k")).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });
});

describe("cost", () => {
  test("cost 3 with 2 tokens left → refused with the wait for the missing token, and the 2 tokens stay", () => {
    const { limiter } = makeLimiter(5, 1);
    limiter.take("k", 3);
    expect(limiter.take("k", 3)).toEqual({ allowed: false, remaining: 2, retryAfterMs: 1000 });
    expect(limiter.take("k", 2)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });

  test("cost larger than the capacity → refused with retryAfterMs Infinity, even on a full bucket, and nothing is taken", () => {
    const { limiter } = makeLimiter(3, 1);
    expect(limiter.take("k", 4)).toEqual({ allowed: false, remaining: 3, retryAfterMs: Infinity });
    expect(burst(limiter, "k", 5)).toBe(3);
  });

  test("cost equal to the capacity empties a full bucket in one request", () => {
    const { limiter } = makeLimiter(3, 1);
    expect(limiter.take("k", 3)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });
});

describe("keys and clocks", () => {
  test("each key has its own bucket: emptying one leaves the others full", () => {
    const { limiter } = makeLimiter(2, 1);
    burst(limiter, "alice", 5);
    expect(burst(limiter, "bob", 5)).toBe(2);
    expect(limiter.take("alice").allowed).toBe(false);
  });

  test("a key first seen after the clock has moved still starts with a full bucket", () => {
    const { limiter, tick } = makeLimiter(3, 1);
    burst(limiter, "alice", 3);
    tick(50_000);
    expect(burst(limiter, "bob", 5)).toBe(3);
  });

  test("keys that look alike are different keys (\"__proto__\", \"constructor\", \"1\" and 1)", () => {
    const { limiter } = makeLimiter(1, 1);
    expect(limiter.take("__proto__").allowed).toBe(true);
    expect(limiter.take("constructor").allowed).toBe(true);
    expect(limiter.take("toString").allowed).toBe(true);
    expect(limiter.take("__proto__").allowed).toBe(false);
  });

  test("without a now option the limiter uses Date.now: refused, then allowed after clock.advance(1000)", () => {
    const limiter = new TokenBucket({ capacity: 1, refillPerSecond: 1 });
    limiter.take("k");
    expect(limiter.take("k").allowed).toBe(false);
    clock.advance(1000);
    expect(limiter.take("k").allowed).toBe(true);
  });

  test("a clock that jumps back 10 s neither takes tokens away nor adds any, and refilling resumes from the later time", () => {
    const { limiter, set } = makeLimiter(2, 1);
    set(20_000);
    limiter.take("k");
    set(10_000);
    expect(limiter.take("k").allowed).toBe(true);
    expect(limiter.take("k").allowed).toBe(false);
    set(20_999);
    expect(limiter.take("k").allowed).toBe(false);
    set(21_000);
    expect(limiter.take("k").allowed).toBe(true);
  });
});
