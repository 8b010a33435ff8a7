import fc from "fast-check";
import { mapWithLimit } from "./solution";

/** Lets every pending callback and microtask run (one virtual millisecond: no real waiting). */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** A task function whose calls stay pending until the test settles them; counts calls in flight. */
function controlled<T>() {
  const started: number[] = [];
  const args: [T, number][] = [];
  const pending = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  let running = 0;
  let maxRunning = 0;
  const fn = (item: T, index: number) => {
    started.push(index);
    args.push([item, index]);
    running++;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<string>((resolve, reject) => {
      pending.set(index, {
        resolve: (v) => (pending.delete(index), running--, resolve(v)),
        reject: (e) => (pending.delete(index), running--, reject(e)),
      });
    });
  };
  return {
    fn,
    started,
    args,
    pending,
    running: () => running,
    maxRunning: () => maxRunning,
    resolve: (index: number, value: string) => pending.get(index)?.resolve(value),
    reject: (index: number, error: Error) => pending.get(index)?.reject(error),
  };
}

type Outcome = { settled: false } | { settled: true; value: unknown } | { settled: true; error: unknown };

/** Watches a promise without awaiting it: outcome() says whether (and how) it has settled so far. */
function watch(promise: Promise<unknown>): () => Outcome {
  let outcome: Outcome = { settled: false };
  promise.then(
    (value) => (outcome = { settled: true, value }),
    (error) => (outcome = { settled: true, error }),
  );
  return () => outcome;
}

describe("how many run at once", () => {
  test(
    "never more than the limit in flight, the next item starts as soon as any call finishes, and results keep the items' order",
    { description: "Generated item counts and limits; calls finish in a generated order." },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 5 }),
          fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
          async (n, limit, picks) => {
            const items = Array.from({ length: n }, (_, i) => `item-${i}`);
            const c = controlled<string>();
            const result = watch(mapWithLimit(items, limit, c.fn));
            await flush();
            const snapshots: string[] = [];
            let finished = 0;
            for (const pick of picks) {
              const running = [...c.pending.keys()];
              if (running.length === 0) break;
              // Expected at every step: min(n, finished + limit) started, in input order.
              snapshots.push(`${c.started.length}/${Math.min(n, finished + limit)} ${c.started.join(",")}`);
              const index = running[pick % running.length];
              c.resolve(index, `value-${index}`);
              finished++;
              await flush();
            }
            const expected = items.map((_, i) => `${Math.min(n, i + limit)}/${Math.min(n, i + limit)} ${Array.from({ length: Math.min(n, i + limit) }, (_, j) => j).join(",")}`);
            expect(snapshots).toEqual(expected.slice(0, snapshots.length));
            expect(c.maxRunning()).toBe(Math.min(n, limit));
            expect(result()).toEqual({ settled: true, value: items.map((_, i) => `value-${i}`) });
          },
        ),
        { numRuns: 30 },
      );
    },
  );

  test("limit 1 runs the calls strictly one after another, in order", async () => {
    const c = controlled<string>();
    const result = watch(mapWithLimit(["a", "b", "c", "d"], 1, c.fn));
    for (let i = 0; i < 4; i++) {
      await flush();
      expect(c.started).toEqual(Array.from({ length: i + 1 }, (_, j) => j));
      c.resolve(i, `v${i}`);
    }
    await flush();
    expect(c.maxRunning()).toBe(1);
    expect(result()).toEqual({ settled: true, value: ["v0", "v1", "v2", "v3"] });
  });

  test("a limit larger than the number of items starts every item at once", async () => {
    const c = controlled<string>();
    void mapWithLimit(["a", "b", "c"], 10, c.fn);
    await flush();
    expect(c.started).toEqual([0, 1, 2]);
  });

  test("no items: resolves with an empty array without calling the function", async () => {
    const c = controlled<string>();
    expect(await mapWithLimit([], 3, c.fn)).toEqual([]);
    expect(c.started).toEqual([]);
  });

  test("the function gets each item with its index, also when items repeat", async () => {
    const c = controlled<string>();
    void mapWithLimit(["x", "x", "y"], 3, c.fn);
    await flush();
    expect(c.args).toEqual([
      ["x", 0],
      ["x", 1],
      ["y", 2],
    ]);
  });

  test("results that are falsy (0, empty string, null, undefined, false) stay at their positions", async () => {
    const values: unknown[] = [0, "", null, undefined, false, "last"];
    const result = await mapWithLimit(values, 2, async (value) => value);
    expect(result.length).toBe(values.length);
    expect(result).toEqual(values);
  });

  test("2,000 quick calls with limit 8 all complete, in order", async () => {
    const items = Array.from({ length: 2000 }, (_, i) => i);
    let running = 0;
    let maxRunning = 0;
    const result = await mapWithLimit(items, 8, async (i) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await null;
      running--;
      return i * 2;
    });
    expect(result).toEqual(items.map((i) => i * 2));
    expect(maxRunning).toBe(8);
  });
});

describe("failures", () => {
  test("the first failure rejects the returned promise at once, while other calls are still running", async () => {
    const c = controlled<string>();
    const boom = new Error("item 1 failed");
    const result = watch(mapWithLimit(["a", "b", "c", "d", "e", "f"], 3, c.fn));
    await flush();
    c.reject(1, boom);
    await flush();
    expect(result()).toEqual({ settled: true, error: boom });
    expect(c.running()).toBe(2);
  });

  test("after a failure no new item is started, even when the running calls then succeed", async () => {
    const c = controlled<string>();
    const result = watch(mapWithLimit(["a", "b", "c", "d", "e", "f"], 3, c.fn));
    await flush();
    c.reject(1, new Error("item 1 failed"));
    await flush();
    c.resolve(0, "A");
    c.resolve(2, "C");
    await flush();
    expect(c.started).toEqual([0, 1, 2]);
    expect(result().settled).toBe(true);
  });

  test("the error is the one that happened first in time, not the one with the lowest index", async () => {
    const c = controlled<string>();
    const first = new Error("first in time");
    const result = watch(mapWithLimit(["a", "b", "c"], 3, c.fn));
    await flush();
    c.reject(2, first);
    await flush();
    c.reject(0, new Error("second in time"));
    await flush();
    expect(result()).toEqual({ settled: true, error: first });
  });

  test(
    "later failures of calls that were already running are handled: no unhandled promise rejection",
    { description: "Three calls fail one after another; only the first error is reported, the others must not escape." },
    async () => {
      const c = controlled<string>();
      const first = new Error("first");
      const result = watch(mapWithLimit(["a", "b", "c", "d"], 3, c.fn));
      await flush();
      c.reject(0, first);
      await flush();
      c.reject(1, new Error("second"));
      await flush();
      c.reject(2, new Error("third"));
      await flush();
      await flush();
      expect(result()).toEqual({ settled: true, error: first });
    },
  );

  test("a function that throws instead of returning a promise rejects the returned promise (no synchronous throw)", async () => {
    const boom = new Error("sync failure");
    let threw = false;
    let promise: Promise<unknown> = Promise.resolve();
    try {
      promise = mapWithLimit(["a", "b"], 1, () => {
        throw boom;
      });
    } catch {
      threw = true;
    }
    const result = watch(promise);
    await flush();
    expect(threw).toBe(false);
    expect(result()).toEqual({ settled: true, error: boom });
  });

  test("a limit that is not a whole number of at least 1 rejects with a RangeError and calls nothing", async () => {
    for (const limit of [0, -2, 1.5, Number.NaN]) {
      const c = controlled<string>();
      let threw = false;
      let promise: Promise<unknown> = Promise.resolve();
      try {
        promise = mapWithLimit(["a", "b"], limit, c.fn);
      } catch {
        threw = true;
      }
      const result = watch(promise);
      await flush();
      const outcome = result();
      expect({ limit, threw, rangeError: "error" in outcome && outcome.error instanceof RangeError, calls: c.started.length }).toEqual({
        limit,
        threw: false,
        rangeError: true,
        calls: 0,
      });
    }
  });
});
