import { LruCache } from "./solution";

/** A cache on a hand-driven clock that starts at 0; tick(ms) moves it forward. */
function makeCache(max: number, ttlMs: number) {
  let t = 0;
  const cache = new LruCache<string, number>({ max, ttlMs, now: () => t });
  return { cache, tick: (ms: number) => void (t += ms) };
}

describe("recency (LRU order)", () => {
  test("max 3: set a, b, c, get a, get b, set d → c is evicted (the only one not used since)", () => {
    const { cache } = makeCache(3, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    cache.get("a");
    cache.get("b");
    cache.set("d", 4);
    expect(cache.has("c")).toBe(false);
    expect([cache.has("a"), cache.has("b"), cache.has("d")]).toEqual([true, true, true]);
  });

  test('max 2: set a, b, set("a", 10) again, set c → b is evicted (set counts as a use) and a is 10', () => {
    const { cache } = makeCache(2, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("a", 10);
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(10);
    expect(cache.get("c")).toBe(3);
  });

  test('max 2, full with a and b: set("a", 10) replaces a → nothing is evicted, size stays 2', () => {
    const { cache } = makeCache(2, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("a", 10);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBe(2);
    expect(cache.get("a")).toBe(10);
  });

  test('max 2, full with a and b: set("b", 20) replaces the most recent key → a is not evicted, size stays 2', () => {
    const { cache } = makeCache(2, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("b", 20);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("b")).toBe(20);
    expect(cache.size).toBe(2);
  });

  test("max 3, full with a, b, c: replacing each key in turn evicts nothing", () => {
    const { cache } = makeCache(3, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    cache.set("b", 20);
    cache.set("c", 30);
    cache.set("a", 10);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([10, 20, 30]);
  });

  test("max 2: set a, b, has(a), set c → a is evicted (has is not a use)", () => {
    const { cache } = makeCache(2, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.has("a")).toBe(true);
    cache.set("c", 3);
    expect(cache.has("a")).toBe(false);
    expect(cache.has("b")).toBe(true);
  });

  test('max 2: set a, b, get("zzz") (missing), set c → a is evicted, order unchanged', () => {
    const { cache } = makeCache(2, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("zzz")).toBeUndefined();
    cache.set("c", 3);
    expect(cache.has("a")).toBe(false);
    expect(cache.size).toBe(2);
  });

  test("max 1: set a, set b → only b is left", () => {
    const { cache } = makeCache(1, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(2);
    expect(cache.size).toBe(1);
  });

  test("max 2: set a, b, delete(a), set c → nothing else is evicted, b and c stay", () => {
    const { cache } = makeCache(2, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.delete("a")).toBe(true);
    cache.set("c", 3);
    expect(cache.get("b")).toBe(2);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });
});

describe("time to live", () => {
  test("ttlMs 1000: 999 ms after set the entry is still served", () => {
    const { cache, tick } = makeCache(2, 1000);
    cache.set("a", 1);
    tick(999);
    expect(cache.get("a")).toBe(1);
    expect(cache.has("a")).toBe(true);
  });

  test("ttlMs 1000: exactly 1000 ms after set, get → undefined (an entry lives ttlMs, not ttlMs + 1)", () => {
    const { cache, tick } = makeCache(2, 1000);
    cache.set("a", 1);
    tick(1000);
    expect(cache.get("a")).toBeUndefined();
  });

  test("ttlMs 1000: exactly 1000 ms after set, has → false and size → 0", () => {
    const { cache, tick } = makeCache(2, 1000);
    cache.set("a", 1);
    tick(1000);
    expect(cache.has("a")).toBe(false);
    expect(cache.size).toBe(0);
  });

  test("ttlMs 1000: set a at 0 and again at 600 → still served at 1200, gone at 1600 (set restarts the TTL)", () => {
    const { cache, tick } = makeCache(2, 1000);
    cache.set("a", 1);
    tick(600);
    cache.set("a", 2);
    tick(600);
    expect(cache.get("a")).toBe(2);
    tick(400);
    expect(cache.get("a")).toBeUndefined();
  });

  test("ttlMs 1000: set a at 0, get a at 900 → gone at 1000 (reading does not extend the TTL)", () => {
    const { cache, tick } = makeCache(2, 1000);
    cache.set("a", 1);
    tick(900);
    expect(cache.get("a")).toBe(1);
    tick(100);
    expect(cache.get("a")).toBeUndefined();
  });

  test("ttlMs 1000: a set at 0, b set at 500 → at 1000 a is gone and b is served; at 1500 b is gone", () => {
    const { cache, tick } = makeCache(3, 1000);
    cache.set("a", 1);
    tick(500);
    cache.set("b", 2);
    tick(500);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe(2);
    tick(500);
    expect(cache.get("b")).toBeUndefined();
  });

  test("max 3: set a, b at 0, c at 500 → at 1000 size is 1 (expired entries are not counted)", () => {
    const { cache, tick } = makeCache(3, 1000);
    cache.set("a", 1);
    cache.set("b", 2);
    tick(500);
    cache.set("c", 3);
    tick(500);
    expect(cache.size).toBe(1);
  });

  test("max 2: a set at 0, b at 500; at 1000 (a expired) set c → b is kept, size 2", () => {
    const { cache, tick } = makeCache(2, 1000);
    cache.set("a", 1);
    tick(500);
    cache.set("b", 2);
    tick(500);
    cache.set("c", 3);
    expect(cache.get("b")).toBe(2);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  test("max 2: a set at 0, b at 500, get a at 900; at 1100 (a expired, b live but less recent) set c → b is kept", () => {
    const { cache, tick } = makeCache(2, 1000);
    cache.set("a", 1);
    tick(500);
    cache.set("b", 2);
    tick(400);
    expect(cache.get("a")).toBe(1);
    tick(200);
    cache.set("c", 3);
    expect(cache.get("b")).toBe(2);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  test("max 4: x at 0, k at 5, e at 10, l at 15, get e, k set again at 30; at 1012 (x and e expired) set n, m → size 3 then 4, l and k kept", () => {
    const { cache, tick } = makeCache(4, 1000);
    cache.set("x", 0);
    tick(5);
    cache.set("k", 1);
    tick(5);
    cache.set("e", 2);
    tick(5);
    cache.set("l", 3);
    tick(5);
    cache.get("e");
    tick(10);
    cache.set("k", 10);
    tick(982);
    cache.set("n", 4);
    expect(cache.size).toBe(3);
    cache.set("m", 5);
    expect([cache.get("l"), cache.get("k"), cache.get("n"), cache.get("m")]).toEqual([3, 10, 4, 5]);
    expect(cache.size).toBe(4);
  });

  test("an expired key can be set again and is served for a full new TTL", () => {
    const { cache, tick } = makeCache(2, 1000);
    cache.set("a", 1);
    tick(1500);
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", 2);
    tick(999);
    expect(cache.get("a")).toBe(2);
  });
});

describe("delete", () => {
  test("delete of a live key → true, and get afterwards → undefined", () => {
    const { cache } = makeCache(2, 1000);
    cache.set("a", 1);
    expect(cache.delete("a")).toBe(true);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  test("delete of a key never set → false", () => {
    const { cache } = makeCache(2, 1000);
    expect(cache.delete("zzz")).toBe(false);
  });

  test("delete of a key that expired → false (there was nothing live to delete)", () => {
    const { cache, tick } = makeCache(2, 1000);
    cache.set("a", 1);
    tick(1000);
    expect(cache.delete("a")).toBe(false);
  });
});

describe("clock", () => {
  test("without a now option the cache uses Date.now: after clock.advance(999) served, after 1 ms more gone", () => {
    const cache = new LruCache<string, string>({ max: 2, ttlMs: 1000 });
    cache.set("a", "x");
    clock.advance(999);
    expect(cache.get("a")).toBe("x");
    clock.advance(1);
    expect(cache.get("a")).toBeUndefined();
  });

  test("the injected now is read on every call, not once: a cache made before the clock moves still expires entries", () => {
    let t = 5_000;
    const cache = new LruCache<string, number>({ max: 2, ttlMs: 1000, now: () => t });
    t = 10_000;
    cache.set("a", 1);
    t = 10_999;
    expect(cache.get("a")).toBe(1);
    t = 11_000;
    expect(cache.get("a")).toBeUndefined();
  });
});

describe("keys", () => {
  test("keys are compared like Map keys: two different objects are two entries", () => {
    const cache = new LruCache<object, number>({ max: 2, ttlMs: 1000, now: () => 0 });
    const k1 = { id: 1 };
    const k2 = { id: 1 };
    cache.set(k1, 1);
    cache.set(k2, 2);
    expect(cache.get(k1)).toBe(1);
    expect(cache.get(k2)).toBe(2);
  });
});

// How much work an operation does (serverside:test and the reference solution: hidden tests only).
import { measure } from "serverside:test";
import { LruCache as ReferenceCache } from "./reference";

describe("every operation is O(1)", () => {
  test("50,000 live entries: set (evicting), get, has and size take about as long as the reference's, not a walk over every entry", () => {
    type Cache = { set(k: number, v: number): void; get(k: number): number | undefined; has(k: number): boolean; readonly size: number };
    const full = (make: () => Cache) => {
      const cache = make();
      for (let i = 0; i < 50_000; i++) cache.set(i, i);
      let next = 50_000;
      // 50 operations of each kind on a full cache of live entries.
      return () => {
        for (let i = 0; i < 50; i++) {
          cache.set(next, next);
          cache.get(next - 1000);
          cache.has(next - 2000);
          void cache.size;
          next++;
        }
      };
    };
    const mine = full(() => new LruCache<number, number>({ max: 50_000, ttlMs: 60_000, now: () => 0 }));
    const ref = full(() => new ReferenceCache<number, number>({ max: 50_000, ttlMs: 60_000, now: () => 0 }));
    mine();
    ref();
    const mineMs = measure(mine, { repeat: 3 });
    const refMs = measure(ref, { repeat: 3 });
    // A walk over 50,000 entries per operation costs tens of ms for 50 of them; O(1) work well under 1 ms.
    const bound = Math.max(refMs * 20, 8);
    console.log(`50 operations of each kind on a full cache: yours ${mineMs.toFixed(2)} ms, the reference's ${refMs.toFixed(2)} ms (bound ${bound.toFixed(1)} ms)`);
    expect({ slowerThanTheReference: mineMs > bound }).toEqual({ slowerThanTheReference: false });
  });
});
