// Mistake: get does not move the key to the end, so the cache evicts in insertion order (FIFO)
// and throws out popular keys just because they are old.
export interface LruCacheOptions {
  /** The most live entries the cache holds (an integer, at least 1). */
  max: number;
  /** How long an entry lives after it was set, in milliseconds (at least 1). */
  ttlMs: number;
  /** The clock, in milliseconds. Defaults to Date.now. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  /** The first instant at which the entry is no longer served. */
  expiresAt: number;
}

export class LruCache<K, V> {
  private readonly max: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  // Two views of the same entries, each a queue kept by a Map's insertion order:
  // `byUse` from least to most recently used (get and set move a key to the end),
  // `bySet` from oldest to newest set. Every entry lives ttlMs, so `bySet` is also expiry order.
  private readonly byUse = new Map<K, Entry<V>>();
  private readonly bySet = new Map<K, Entry<V>>();

  constructor(options: LruCacheOptions) {
    this.max = options.max;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get(key: K): V | undefined {
    const entry = this.liveEntry(key);
    if (entry === undefined) return undefined;
    // Re-insert to move the key to the end: it is now the most recently used.
    return entry.value;
  }

  set(key: K, value: V): void {
    const now = this.now();
    // Map.set on an existing key keeps its old position, so delete first to move it to the end.
    // Deleting before the "full?" check also means replacing a key never evicts another one.
    this.byUse.delete(key);
    this.bySet.delete(key);
    this.removeExpired(now);
    if (this.byUse.size >= this.max) {
      const oldest = this.byUse.keys().next();
      if (!oldest.done) this.remove(oldest.value);
    }
    const entry = { value, expiresAt: now + this.ttlMs };
    this.byUse.set(key, entry);
    this.bySet.set(key, entry);
  }

  /** Whether `key` has a live entry. Does not count as a use: recency is unchanged. */
  has(key: K): boolean {
    return this.liveEntry(key) !== undefined;
  }

  /** Removes `key`; true if it had a live entry. */
  delete(key: K): boolean {
    const wasLive = this.liveEntry(key) !== undefined;
    this.remove(key);
    return wasLive;
  }

  /** The number of live entries. */
  get size(): number {
    this.removeExpired(this.now());
    return this.byUse.size;
  }

  /** The entry for `key` if it has not expired; an expired one is removed on the way (lazy expiry). */
  private liveEntry(key: K): Entry<V> | undefined {
    const entry = this.byUse.get(key);
    if (entry === undefined) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.remove(key);
      return undefined;
    }
    return entry;
  }

  private remove(key: K): void {
    this.byUse.delete(key);
    this.bySet.delete(key);
  }

  /**
   * Drops expired entries from the front of the expiry queue and stops at the first live one.
   * Each entry is dropped at most once, so this costs O(1) per operation on average.
   */
  private removeExpired(now: number): void {
    for (const [key, entry] of this.bySet) {
      if (now < entry.expiresAt) break;
      this.remove(key);
    }
  }
}
