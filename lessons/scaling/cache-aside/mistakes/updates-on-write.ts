// Mistake: a write puts the new value into the cache instead of deleting the entry. Two writers
// whose updates reach the cache in the opposite order to their commits leave the older value cached.
/** Where the data really lives (a database): the cache never changes it except through `save`. */
export interface Source<V> {
  /** The value, or `undefined` when the key does not exist. */
  load(key: string): Promise<V | undefined>;
  save(key: string, value: V): Promise<void>;
}

export interface CacheAsideOptions {
  /** How long a loaded value stays fresh, in ms. */
  ttlMs: number;
  /** How long a "not found" answer stays fresh, in ms (shorter than ttlMs). */
  negativeTtlMs: number;
  /** The clock, in ms; defaults to Date.now. */
  now?: () => number;
}

interface Entry<V> {
  value: V | undefined;
  expiresAt: number;
}

export class CacheAside<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** The one load in flight per key; every concurrent miss for the key awaits it. */
  private readonly flights = new Map<string, Promise<V | undefined>>();
  private readonly now: () => number;

  constructor(
    private readonly source: Source<V>,
    private readonly options: CacheAsideOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get(key: string): Promise<V | undefined> {
    const entry = this.entries.get(key);
    if (entry !== undefined && this.now() < entry.expiresAt) return Promise.resolve(entry.value);
    const inFlight = this.flights.get(key);
    if (inFlight !== undefined) return inFlight;

    const flight: Promise<V | undefined> = this.source.load(key).then(
      (value) => {
        // A write that finished while this load was running removed it from `flights`: the value
        // it read may be older than that write, so it is returned to its callers but not cached.
        if (this.flights.get(key) === flight) {
          this.flights.delete(key);
          const ttl = value === undefined ? this.options.negativeTtlMs : this.options.ttlMs;
          this.entries.set(key, { value, expiresAt: this.now() + ttl });
        }
        return value;
      },
      (error: unknown) => {
        // Failures are never cached: the next get tries the database again.
        if (this.flights.get(key) === flight) this.flights.delete(key);
        throw error;
      },
    );
    this.flights.set(key, flight);
    return flight;
  }

  async set(key: string, value: V): Promise<void> {
    try {
      await this.source.save(key, value);
    } finally {
      // Delete, never update: the next read loads whatever the database holds now. Also when the
      // save failed, since it may have committed before the error reached us.
      this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
      this.flights.delete(key);
    }
  }
}
