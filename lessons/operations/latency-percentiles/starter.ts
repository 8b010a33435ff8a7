/** The nearest-rank percentile of `samples` (p from 0 to 100), or null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  // TODO: this is the mean, not a percentile.
  if (samples.length === 0) return null;
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

export interface Bucket {
  le: number;
  count: number;
}

export class LatencyHistogram {
  constructor(bounds: readonly number[]) {
    // TODO
  }

  observe(ms: number): void {
    // TODO
  }

  get count(): number {
    return 0;
  }

  get sum(): number {
    return 0;
  }

  buckets(): Bucket[] {
    return [];
  }

  quantile(q: number): number | null {
    return null;
  }
}
