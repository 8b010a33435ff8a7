import { loadAll, formatAge, shuffle } from "./solution";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function scripted(values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error("random() was called more often than Fisher-Yates needs");
    return values[i++];
  };
}

describe("loadAll", () => {
  test("results follow the ids, for loads that finish in reverse order", async () => {
    const names: Record<string, string> = { "1": "kiwi", "2": "apple", "3": "pear", "4": "fig", "5": "banana" };
    const load = async (id: string) => {
      await sleep(100 - Number(id) * 10);
      return names[id];
    };
    expect(await loadAll(["1", "2", "3", "4", "5"], load)).toEqual(["kiwi", "apple", "pear", "fig", "banana"]);
  });

  test("all loads start at once: five 100 ms loads take 100 ms, not 500", async () => {
    const started: number[] = [];
    const t0 = Date.now();
    const load = async (id: string) => {
      started.push(Date.now() - t0);
      await sleep(100);
      return id;
    };
    await loadAll(["a", "b", "c", "d", "e"], load);
    expect(started).toEqual([0, 0, 0, 0, 0]);
    expect(Date.now() - t0).toBe(100);
  });

  test("[] → []", async () => {
    expect(await loadAll([], async (id) => id)).toEqual([]);
  });
});

describe("formatAge", () => {
  test("the result depends on now, not on the machine's clock", () => {
    const now = Date.UTC(2023, 0, 15, 9, 30, 0);
    clock.set(Date.UTC(2031, 4, 1));
    expect(formatAge(now - 3 * 3600_000, now)).toBe("3 hours ago");
    clock.set(Date.UTC(2019, 4, 1));
    expect(formatAge(now - 3 * 3600_000, now)).toBe("3 hours ago");
  });

  test("boundaries: 59 s, 60 s, 1 hour, 1 day, 2 days", () => {
    const now = Date.UTC(2022, 2, 3, 4, 5, 6);
    expect(formatAge(now - 59_000, now)).toBe("just now");
    expect(formatAge(now - 60_000, now)).toBe("1 minute ago");
    expect(formatAge(now - 3600_000, now)).toBe("1 hour ago");
    expect(formatAge(now - 86_400_000, now)).toBe("1 day ago");
    expect(formatAge(now - 2 * 86_400_000 - 1, now)).toBe("2 days ago");
  });
});

describe("shuffle", () => {
  test("uses only the random source it is given: same source, same order", () => {
    const values = [0.5, 0.25, 0.75, 0.0];
    const first = shuffle([1, 2, 3, 4, 5], scripted(values));
    const second = shuffle([1, 2, 3, 4, 5], scripted(values));
    expect(first).toEqual(second);
  });

  test("exactly Fisher-Yates from the last index down", () => {
    // i=4: j=floor(0.5*5)=2 → [1,2,5,4,3]; i=3: j=floor(0.25*4)=1 → [1,4,5,2,3];
    // i=2: j=floor(0.75*3)=2 → same; i=1: j=floor(0*2)=0 → [4,1,5,2,3]
    expect(shuffle([1, 2, 3, 4, 5], scripted([0.5, 0.25, 0.75, 0.0]))).toEqual([4, 1, 5, 2, 3]);
  });

  test("a source that always returns 0.999 leaves every item in place", () => {
    expect(shuffle(["a", "b", "c", "d"], scripted([0.999, 0.999, 0.999]))).toEqual(["a", "b", "c", "d"]);
  });

  test("the input is not changed", () => {
    const items = [1, 2, 3];
    shuffle(items, scripted([0, 0]));
    expect(items).toEqual([1, 2, 3]);
  });
});
