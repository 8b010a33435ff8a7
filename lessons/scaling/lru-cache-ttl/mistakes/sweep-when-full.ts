// Mistake: correct answers, but when the cache is full every set walks all entries to find expired
// ones, and size does too: O(n) per operation where the lesson asks for O(1).
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
  // A Map iterates in insertion order: the first key is the least recently used one.
  private readonly entries = new Map<K, Entry<V>>();

  constructor(options: LruCacheOptions) {
    this.max = options.max;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get(key: K): V | undefined {
    const entry = this.liveEntry(key);
    if (entry === undefined) return undefined;
    // Re-insert to move the key to the end: it is now the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    const now = this.now();
    // Map.set on an existing key keeps its old position, so delete first to move it to the end.
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.removeExpired(now);
    while (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
  }

  /** Whether `key` has a live entry. Does not count as a use: recency is unchanged. */
  has(key: K): boolean {
    return this.liveEntry(key) !== undefined;
  }

  /** Removes `key`; true if it had a live entry. */
  delete(key: K): boolean {
    const wasLive = this.liveEntry(key) !== undefined;
    this.entries.delete(key);
    return wasLive;
  }

  /** The number of live entries. */
  get size(): number {
    this.removeExpired(this.now());
    return this.entries.size;
  }

  /** The entry for `key` if it has not expired; an expired one is removed on the way (lazy expiry). */
  private liveEntry(key: K): Entry<V> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private removeExpired(now: number): void {
    // Deleting the current key while iterating a Map is safe.
    for (const [key, entry] of this.entries) {
      if (now >= entry.expiresAt) this.entries.delete(key);
    }
  }
}
