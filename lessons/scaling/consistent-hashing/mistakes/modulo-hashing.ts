import { hash32 } from "./hash";

export interface HashRingOptions {
  vnodes: number;
}

// hash(key) % n: even spread, but changing n moves almost every key.
export class HashRing {
  private readonly members: string[] = [];

  constructor(options: HashRingOptions) {
    if (!Number.isInteger(options.vnodes) || options.vnodes < 1) throw new RangeError("vnodes");
  }

  add(node: string): void {
    if (!this.members.includes(node)) this.members.push(node);
    this.members.sort();
  }

  remove(node: string): void {
    const i = this.members.indexOf(node);
    if (i >= 0) this.members.splice(i, 1);
  }

  nodeFor(key: string): string | undefined {
    if (this.members.length === 0) return undefined;
    return this.members[hash32(key) % this.members.length];
  }
}
