import { hash32 } from "./hash";

export interface HashRingOptions {
  /** Points each node gets on the ring (virtual nodes; a whole number, at least 1). */
  vnodes: number;
}

/** Maps keys to nodes so that adding or removing a node moves as few keys as possible. */
export class HashRing {
  private readonly members: string[] = [];

  constructor(private readonly options: HashRingOptions) {}

  add(node: string): void {
    if (!this.members.includes(node)) this.members.push(node);
  }

  remove(node: string): void {
    const i = this.members.indexOf(node);
    if (i >= 0) this.members.splice(i, 1);
  }

  nodeFor(key: string): string | undefined {
    // TODO: this is modulo hashing: adding one node moves almost every key. Build a ring.
    if (this.members.length === 0) return undefined;
    return this.members[hash32(key) % this.members.length];
  }
}
