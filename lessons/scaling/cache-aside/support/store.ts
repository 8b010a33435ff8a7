/**
 * A fake database for the cache-aside exercise: string values by key, a latency you can set, and
 * counters of what it was asked. Tests use it; your cache only sees `load` and `save`.
 *
 * - `load(key)` reads the value when it is called and answers `latency.load` ms later
 *   (`undefined` when the key does not exist).
 * - `save(key, value)` commits the value `latency.commit` ms after it is called and resolves
 *   `latency.ack` ms after that (the network round trip back to your code).
 */
export interface Latency {
  load: number;
  commit: number;
  ack: number;
}

export interface SlowStore {
  load(key: string): Promise<string | undefined>;
  save(key: string, value: string): Promise<void>;
  /** Another service writes the database directly (no cache involved). */
  put(key: string, value: string | undefined): void;
  /** The committed value, without counting a load. */
  peek(key: string): string | undefined;
  /** How many loads were started, in all or for one key. */
  loads(key?: string): number;
  /** Change the latency of the calls that follow. */
  setLatency(latency: Partial<Latency>): void;
  /** The next `n` loads reject with an Error (the database is briefly down). */
  failLoads(n: number): void;
  /** The next save rejects after its commit time; `committed` says whether it committed first. */
  failNextSave(committed: boolean): void;
}

export function createSlowStore(initial: Record<string, string> = {}): SlowStore {
  const data = new Map<string, string>(Object.entries(initial));
  const latency: Latency = { load: 10, commit: 10, ack: 0 };
  const started: string[] = [];
  let loadFailures = 0;
  let saveFailure: { committed: boolean } | null = null;
  const wait = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : resolve()));

  return {
    async load(key) {
      started.push(key);
      const value = data.get(key);
      const fail = loadFailures > 0;
      if (fail) loadFailures--;
      await wait(latency.load);
      if (fail) throw new Error(`database unavailable while loading ${key}`);
      return value;
    },
    async save(key, value) {
      const { commit, ack } = latency;
      const failure = saveFailure;
      saveFailure = null;
      await wait(commit);
      if (failure === null || failure.committed) data.set(key, value);
      await wait(ack);
      if (failure !== null) throw new Error(`save of ${key} failed`);
    },
    put(key, value) {
      if (value === undefined) data.delete(key);
      else data.set(key, value);
    },
    peek: (key) => data.get(key),
    loads: (key) => (key === undefined ? started.length : started.filter((k) => k === key).length),
    setLatency(next) {
      Object.assign(latency, next);
    },
    failLoads(n) {
      loadFailures = n;
    },
    failNextSave(committed) {
      saveFailure = { committed };
    },
  };
}
