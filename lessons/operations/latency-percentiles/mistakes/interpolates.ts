// Mistake: linear interpolation between ranks (a spreadsheet's PERCENTILE) instead of nearest rank: p50 of [1, 2, 3, 4] is 2.5, a latency no request had.
/** The nearest-rank percentile of `samples` (p from 0 to 100), or null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  // A copy, sorted as numbers: the default sort compares strings ("100" < "20").
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export interface Bucket {
  le: number;
  count: number;
}

/** Counts observations into fixed buckets, so memory stays the same however many arrive. */
export class LatencyHistogram {
  private readonly bounds: number[];
  private readonly counts: number[];
  private total = 0;
  private totalMs = 0;

  constructor(bounds: readonly number[]) {
    this.bounds = [...bounds].sort((a, b) => a - b);
    this.counts = new Array(this.bounds.length + 1).fill(0);
  }

  observe(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    let i = 0;
    while (i < this.bounds.length && ms > this.bounds[i]) i++;
    this.counts[i]++;
    this.total++;
    this.totalMs += ms;
  }

  get count(): number {
    return this.total;
  }

  get sum(): number {
    return this.totalMs;
  }

  /** Cumulative counts: each bucket counts every observation <= le; the last has le = Infinity. */
  buckets(): Bucket[] {
    let running = 0;
    return this.counts.map((c, i) => {
      running += c;
      return { le: i < this.bounds.length ? this.bounds[i] : Infinity, count: running };
    });
  }

  /** The upper bound of the bucket holding the observation of rank ceil(q * count); null if empty. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.total));
    for (const bucket of this.buckets()) {
      if (bucket.count >= rank) return bucket.le;
    }
    return Infinity;
  }
}
