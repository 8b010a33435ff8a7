import { LruCache } from "./solution";

/** A cache on a hand-driven clock that starts at 0; tick(ms) moves it forward. */
function makeCache(max: number, ttlMs: number) {
  let t = 0;
  const cache = new LruCache<string, number>({ max, ttlMs, now: () => t });
  return { cache, tick: (ms: number) => void (t += ms) };
}

describe("LruCache", () => {
  test('set("a", 1) then get("a") → 1; get("zzz") (never set) → undefined', () => {
    const { cache } = makeCache(3, 1000);
    cache.set("a", 1);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("zzz")).toBeUndefined();
  });

  test("max 2: set a, b, c → a (least recently used) is evicted, b and c stay, size 2", () => {
    const { cache } = makeCache(2, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(2);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  test("max 2: set a, b, get a, set c → b is evicted, because reading a made it recently used", () => {
    const { cache } = makeCache(2, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.get("a");
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
  });

  test("ttlMs 1000: set a → still there 500 ms later, gone 1500 ms after it was set", () => {
    const { cache, tick } = makeCache(3, 1000);
    cache.set("a", 1);
    tick(500);
    expect(cache.get("a")).toBe(1);
    tick(1000);
    expect(cache.get("a")).toBeUndefined();
  });
});
