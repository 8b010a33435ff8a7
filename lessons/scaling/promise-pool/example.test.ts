import { mapWithLimit } from "./solution";

/** Lets every pending callback and microtask run (one virtual millisecond: no real waiting). */
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** A task function whose calls stay pending until the test settles them by index. */
function controlled() {
  const started: number[] = [];
  const settle = new Map<number, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  const fn = (item: string, index: number) => {
    started.push(index);
    return new Promise<string>((resolve, reject) => settle.set(index, { resolve, reject }));
  };
  return { fn, started, settle };
}

describe("mapWithLimit", () => {
  test("3 items, limit 5: resolves with each item's result, in the items' order", async () => {
    const result = await mapWithLimit(["a", "b", "c"], 5, async (item) => item.toUpperCase());
    expect(result).toEqual(["A", "B", "C"]);
  });

  test("5 items, limit 2: only items 0 and 1 are started until one of them finishes", async () => {
    const { fn, started } = controlled();
    void mapWithLimit(["a", "b", "c", "d", "e"], 2, fn);
    await flush();
    expect(started).toEqual([0, 1]);
  });

  test("5 items, limit 2: when item 1 finishes, item 2 starts right away (no waiting for item 0)", async () => {
    const { fn, started, settle } = controlled();
    void mapWithLimit(["a", "b", "c", "d", "e"], 2, fn);
    await flush();
    settle.get(1)?.resolve("B");
    await flush();
    expect(started).toEqual([0, 1, 2]);
  });

  test("items that finish in reverse order still give results in the items' order", async () => {
    const { fn, settle } = controlled();
    const result = mapWithLimit(["a", "b", "c"], 3, fn);
    await flush();
    for (const index of [2, 1, 0]) {
      settle.get(index)?.resolve(`result ${index}`);
      await flush();
    }
    expect(await result).toEqual(["result 0", "result 1", "result 2"]);
  });
});
