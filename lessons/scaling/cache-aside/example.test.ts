import { CacheAside } from "./solution";
import { createSlowStore } from "./store";

/** A cache over a fake database holding user:1 = "Ada"; loads take 10 ms of virtual time. */
function setup() {
  const store = createSlowStore({ "user:1": "Ada" });
  const cache = new CacheAside<string>(store, { ttlMs: 1000, negativeTtlMs: 100, now: () => clock.now() });
  return { store, cache };
}

describe("CacheAside", () => {
  test("two reads 500 ms apart (TTL 1000 ms): both return the value, the database is loaded once", async () => {
    const { store, cache } = setup();
    expect(await cache.get("user:1")).toBe("Ada");
    clock.advance(500);
    expect(await cache.get("user:1")).toBe("Ada");
    expect({ loads: store.loads() }).toEqual({ loads: 1 });
  });

  test("read, set to Grace, read again: the second read returns Grace, not the cached Ada", async () => {
    const { cache } = setup();
    await cache.get("user:1");
    await cache.set("user:1", "Grace");
    expect(await cache.get("user:1")).toBe("Grace");
  });

  test("five reads of a cold key at the same moment: one load, five answers", async () => {
    const { store, cache } = setup();
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => cache.get("user:1")));
    expect({ answers, loads: store.loads() }).toEqual({ answers: ["Ada", "Ada", "Ada", "Ada", "Ada"], loads: 1 });
  });
});
