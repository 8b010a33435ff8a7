export interface LruCacheOptions {
  /** The most live entries the cache holds (an integer, at least 1). */
  max: number;
  /** How long an entry lives after it was set, in milliseconds (at least 1). */
  ttlMs: number;
  /** The clock, in milliseconds. Defaults to Date.now. */
  now?: () => number;
}

export class LruCache<K, V> {
  private readonly max: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  // Tip: a Map remembers insertion order, and entries.keys().next().value is the oldest key.
  private readonly entries = new Map<K, V>();

  constructor(options: LruCacheOptions) {
    this.max = options.max;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get(key: K): V | undefined {
    // TODO: return live entries only, and mark the key as most recently used.
    return undefined;
  }

  set(key: K, value: V): void {
    // TODO: remember when the entry expires, and evict the least recently used entry when full.
  }

  has(key: K): boolean {
    return false;
  }

  delete(key: K): boolean {
    return false;
  }

  get size(): number {
    return 0;
  }
}
