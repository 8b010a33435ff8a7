// Mistake: a value equal to a bound goes into the next bucket (< instead of <=), so 100 ms is not counted as <= 100.
/** The nearest-rank percentile of `samples` (p from 0 to 100), or null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  // A copy, sorted as numbers: the default sort compares strings ("100" < "20").
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
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
    while (i < this.bounds.length && ms >= this.bounds[i]) i++;
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
