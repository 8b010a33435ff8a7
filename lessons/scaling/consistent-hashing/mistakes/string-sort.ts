import { hash32 } from "./hash";
export interface HashRingOptions { vnodes: number }
export class HashRing {
  private positions: number[] = [];
  private owner = new Map<number, string>();
  private members = new Set<string>();
  constructor(private readonly options: HashRingOptions) {
    if (!Number.isInteger(options.vnodes) || options.vnodes < 1) throw new RangeError("vnodes");
  }
  add(node: string): void {
    if (this.members.has(node)) return;
    this.members.add(node);
    for (let i = 0; i < this.options.vnodes; i++) {
      const p = hash32(`${node}#${i}`);
      this.positions.push(p);
      this.owner.set(p, node);
    }
    this.positions.sort();
  }
  remove(node: string): void {
    if (!this.members.delete(node)) return;
    this.positions = this.positions.filter((p) => this.owner.get(p) !== node);
  }
  nodeFor(key: string): string | undefined {
    if (this.positions.length === 0) return undefined;
    const h = hash32(key);
    let lo = 0, hi = this.positions.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.positions[mid] < h) lo = mid + 1; else hi = mid; }
    return this.owner.get(this.positions[lo % this.positions.length]);
  }
}
