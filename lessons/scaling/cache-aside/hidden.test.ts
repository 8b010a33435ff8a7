import { CacheAside } from "./solution";
import { createSlowStore } from "./store";

const TTL = 1000;
const NEGATIVE_TTL = 100;

function setup(options: { withClock?: boolean } = {}) {
  const store = createSlowStore({ "user:1": "Ada", "user:2": "Linus", "user:3": "Barbara" });
  const now = options.withClock === false ? {} : { now: () => clock.now() };
  const cache = new CacheAside<string>(store, { ttlMs: TTL, negativeTtlMs: NEGATIVE_TTL, ...now });
  return { store, cache };
}

describe("reads and expiry", () => {
  test("a value stays fresh until exactly ttlMs after its load finished, then it is loaded again", { description: "Reads just before and exactly at the expiry time, while another service has changed the database." }, async () => {
    const { store, cache } = setup();
    await cache.get("user:1");
    store.put("user:1", "Changed");
    clock.advance(TTL - 1);
    const before = await cache.get("user:1");
    const loadsBefore = store.loads();
    clock.advance(1);
    const after = await cache.get("user:1");
    expect({ before, loadsBefore, after, loadsAfter: store.loads() }).toEqual({ before: "Ada", loadsBefore: 1, after: "Changed", loadsAfter: 2 });
  });

  test("without a now option the cache reads Date.now", { description: "The same expiry, with the default clock." }, async () => {
    const { store, cache } = setup({ withClock: false });
    await cache.get("user:1");
    clock.advance(TTL - 1);
    await cache.get("user:1");
    const loadsBefore = store.loads();
    clock.advance(1);
    await cache.get("user:1");
    expect({ loadsBefore, loadsAfter: store.loads() }).toEqual({ loadsBefore: 1, loadsAfter: 2 });
  });
});

describe("stampedes", () => {
  test("when a hot key expires, many concurrent readers cause one load", { description: "A burst of simultaneous reads right after a popular value expired." }, async () => {
    const { store, cache } = setup();
    await cache.get("user:1");
    clock.advance(TTL);
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get("user:1")));
    expect({ allAnswered: answers.every((a) => a === "Ada"), loads: store.loads() }).toEqual({ allAnswered: true, loads: 2 });
  });

  test("single-flight is per key: different keys load at the same time, not one after another", { description: "Concurrent misses on several keys: each key is loaded once and no key waits for another key's load." }, async () => {
    const { store, cache } = setup();
    const start = clock.now();
    const answers = await Promise.all(["user:1", "user:2", "user:3", "user:1", "user:2"].map((k) => cache.get(k)));
    expect({ answers, loads: store.loads(), tookMs: clock.now() - start }).toEqual({ answers: ["Ada", "Linus", "Barbara", "Ada", "Linus"], loads: 3, tookMs: 10 });
  });
});

describe("not found", () => {
  test("a missing key is cached too: repeated reads within negativeTtlMs load once", { description: "Several reads of a key the database does not have." }, async () => {
    const { store, cache } = setup();
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(await cache.get("user:404"));
      clock.advance(10);
    }
    expect({ answers, loads: store.loads() }).toEqual({ answers: [undefined, undefined, undefined, undefined, undefined], loads: 1 });
  });

  test("a not-found answer expires after negativeTtlMs, not after ttlMs", { description: "Another service creates the key after a miss was cached." }, async () => {
    const { store, cache } = setup();
    await cache.get("user:404");
    store.put("user:404", "Created");
    clock.advance(NEGATIVE_TTL - 1);
    const before = await cache.get("user:404");
    clock.advance(1);
    const after = await cache.get("user:404");
    expect({ before, after }).toEqual({ before: undefined, after: "Created" });
  });
});

describe("failures", () => {
  test("a failed load is not cached: its waiters all get the error, the next read tries again", { description: "The database fails one load while several readers wait for it, then recovers." }, async () => {
    const { store, cache } = setup();
    store.failLoads(1);
    const settled = await Promise.allSettled([cache.get("user:1"), cache.get("user:1"), cache.get("user:1")]);
    const rejected = settled.filter((s) => s.status === "rejected").length;
    const loadsAfterFailure = store.loads();
    const next = await cache.get("user:1");
    expect({ rejected, loadsAfterFailure, next, loads: store.loads() }).toEqual({ rejected: 3, loadsAfterFailure: 1, next: "Ada", loads: 2 });
  });

  test("a save that fails still invalidates: the database may have committed it", { description: "A save whose error arrives after the database committed the value." }, async () => {
    const { store, cache } = setup();
    await cache.get("user:1");
    store.failNextSave(true);
    const outcome = await cache.set("user:1", "Grace").then(() => "resolved", () => "rejected");
    expect({ outcome, next: await cache.get("user:1") }).toEqual({ outcome: "rejected", next: "Grace" });
  });
});

describe("writes", () => {
  test("a write invalidates: the next read loads the new value once", { description: "Read, write, then read twice." }, async () => {
    const { store, cache } = setup();
    await cache.get("user:2");
    await cache.set("user:2", "Torvalds");
    const reads = [await cache.get("user:2"), await cache.get("user:2")];
    expect({ reads, loads: store.loads() }).toEqual({ reads: ["Torvalds", "Torvalds"], loads: 2 });
  });

  test("two overlapping writes: the cache ends up with what the database committed last", { description: "Two writers whose saves commit in one order and return in the other; then a read." }, async () => {
    const { store, cache } = setup();
    await cache.get("user:1");
    store.setLatency({ commit: 10, ack: 50 });
    const first = cache.set("user:1", "First");
    clock.advance(5);
    store.setLatency({ commit: 10, ack: 0 });
    const second = cache.set("user:1", "Second");
    await Promise.all([first, second]);
    expect({ database: store.peek("user:1"), read: await cache.get("user:1") }).toEqual({ database: "Second", read: "Second" });
  });

  test("a read during a slow save does not put the old value back for good", { description: "A read arrives while a write is still being saved; later reads must see the write." }, async () => {
    const { cache, store } = setup();
    await cache.get("user:1");
    store.setLatency({ commit: 100, ack: 0 });
    const write = cache.set("user:1", "Grace");
    clock.advance(50);
    await cache.get("user:1");
    await write;
    expect(await cache.get("user:1")).toBe("Grace");
  });

  test("a load that started before a write finished does not fill the cache with the old value", { description: "A slow read begins, a write completes while it runs, the read finishes, then another read." }, async () => {
    const { cache, store } = setup();
    store.setLatency({ load: 100 });
    const slowRead = cache.get("user:1");
    clock.advance(10);
    store.setLatency({ load: 10 });
    await cache.set("user:1", "Grace");
    const first = await slowRead;
    expect({ first, later: await cache.get("user:1") }).toEqual({ first: "Ada", later: "Grace" });
  });

  test("a read that starts after a write finished never joins a load from before the write", { description: "While an old load is still running, a write completes and a new read starts." }, async () => {
    const { cache, store } = setup();
    store.setLatency({ load: 100 });
    const slowRead = cache.get("user:1");
    clock.advance(10);
    store.setLatency({ load: 10 });
    await cache.set("user:1", "Grace");
    const fresh = await cache.get("user:1");
    await slowRead;
    expect(fresh).toBe("Grace");
  });
});
