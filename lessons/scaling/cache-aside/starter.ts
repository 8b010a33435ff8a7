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

export class CacheAside<V> {
  constructor(
    private readonly source: Source<V>,
    private readonly options: CacheAsideOptions,
  ) {}

  async get(key: string): Promise<V | undefined> {
    return this.source.load(key); // TODO: cache it
  }

  async set(key: string, value: V): Promise<void> {
    await this.source.save(key, value); // TODO: keep the cache honest
  }
}
