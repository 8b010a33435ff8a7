import { hash32 } from "./hash";

export interface HashRingOptions {
  /** Points each node gets on the ring (virtual nodes; a whole number, at least 1). */
  vnodes: number;
}

interface Point {
  position: number;
  node: string;
}

/** Maps keys to nodes so that adding or removing a node moves as few keys as possible. */
export class HashRing {
  private readonly vnodes: number;
  private readonly members = new Set<string>();
  private points: Point[] = []; // sorted by position, then node name

  constructor(options: HashRingOptions) {
    if (!Number.isInteger(options.vnodes) || options.vnodes < 1) throw new RangeError("vnodes must be a whole number, at least 1");
    this.vnodes = options.vnodes;
  }

  add(node: string): void {
    if (this.members.has(node)) return;
    this.members.add(node);
    for (let i = 0; i < this.vnodes; i++) this.points.push({ position: hash32(`${node}#${i}`), node });
    // Numbers compared as numbers (the default sort compares strings); ties broken by name.
    this.points.sort((a, b) => a.position - b.position || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  }

  remove(node: string): void {
    if (!this.members.delete(node)) return;
    this.points = this.points.filter((p) => p.node !== node);
  }

  nodeFor(key: string): string | undefined {
    if (this.points.length === 0) return undefined;
    const h = hash32(key);
    // Binary search for the first point at or after h; past the last point, wrap to the first.
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid].position < h) lo = mid + 1;
      else hi = mid;
    }
    return this.points[lo]?.node;
  }
}
