// Mistake: an O(1) design with a queue of keys in expiry order that forgets a key can be set
// again. The old queue entry of a re-set key looks live and blocks the sweep, so an expired entry
// behind it keeps counting towards max and size.
export interface LruCacheOptions { max: number; ttlMs: number; now?: () => number }
type Node<K, V> = { key: K; value: V; expiresAt: number; prev: Node<K, V> | null; next: Node<K, V> | null };
export class LruCache<K, V> {
  private nodes = new Map<K, Node<K, V>>();
  private head: Node<K, V> | null = null; // least recent
  private tail: Node<K, V> | null = null;
  private expiries: K[] = [];
  private expiryHead = 0;
  constructor(private opts: LruCacheOptions) {}
  private t() { return (this.opts.now ?? Date.now)(); }
  private unlink(n: Node<K, V>) {
    if (n.prev) n.prev.next = n.next; else this.head = n.next;
    if (n.next) n.next.prev = n.prev; else this.tail = n.prev;
    n.prev = n.next = null;
  }
  private append(n: Node<K, V>) {
    n.prev = this.tail; n.next = null;
    if (this.tail) this.tail.next = n; else this.head = n;
    this.tail = n;
  }
  private drop(k: K) { const n = this.nodes.get(k); if (n) { this.unlink(n); this.nodes.delete(k); } }
  private purge(now: number) {
    while (this.expiryHead < this.expiries.length) {
      const k = this.expiries[this.expiryHead]!;
      const n = this.nodes.get(k);
      if (n && now < n.expiresAt) break;
      if (n) this.drop(k);
      this.expiryHead++;
    }
  }
  private live(k: K): Node<K, V> | undefined {
    const n = this.nodes.get(k);
    if (!n) return undefined;
    if (this.t() >= n.expiresAt) { this.drop(k); return undefined; }
    return n;
  }
  get(k: K): V | undefined { const n = this.live(k); if (!n) return undefined; this.unlink(n); this.append(n); return n.value; }
  set(k: K, v: V): void {
    const now = this.t();
    this.drop(k);
    this.purge(now);
    if (this.nodes.size >= this.opts.max && this.head) this.drop(this.head.key);
    const n: Node<K, V> = { key: k, value: v, expiresAt: now + this.opts.ttlMs, prev: null, next: null };
    this.nodes.set(k, n); this.append(n); this.expiries.push(k);
  }
  has(k: K) { return this.live(k) !== undefined; }
  delete(k: K) { const ok = this.live(k) !== undefined; this.drop(k); return ok; }
  get size() { this.purge(this.t()); return this.nodes.size; }
}
