import { TokenBucket } from "./solution";

/** A limiter on a hand-driven clock that starts at 0; tick(ms) moves it forward. */
function makeLimiter(capacity: number, refillPerSecond: number) {
  let t = 0;
  const limiter = new TokenBucket({ capacity, refillPerSecond, now: () => t });
  return { limiter, tick: (ms: number) => void (t += ms) };
}

describe("TokenBucket", () => {
  test("capacity 3: three requests at once are allowed (remaining 2, 1, 0), the fourth is refused", () => {
    const { limiter } = makeLimiter(3, 1);
    expect(limiter.take("ip-1")).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
    expect(limiter.take("ip-1")).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
    expect(limiter.take("ip-1")).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    expect(limiter.take("ip-1").allowed).toBe(false);
  });

  test("capacity 1, 2 tokens per second: refused right after the first request with retryAfterMs 500", () => {
    const { limiter } = makeLimiter(1, 2);
    limiter.take("ip-1");
    expect(limiter.take("ip-1")).toEqual({ allowed: false, remaining: 0, retryAfterMs: 500 });
  });

  test("capacity 1, 2 tokens per second: 500 ms later a token is back and the request is allowed", () => {
    const { limiter, tick } = makeLimiter(1, 2);
    limiter.take("ip-1");
    tick(500);
    expect(limiter.take("ip-1").allowed).toBe(true);
  });
});
