import { LatencyHistogram, percentile } from "./solution";

/** A small seeded generator, so the "random" latencies are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Latencies the way real services look: mostly fast, a long tail. */
function latencies(seed: number, n: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const base = 5 + Math.floor(r() * 40);
    return r() < 0.05 ? base * (10 + Math.floor(r() * 50)) : base;
  });
}

function oracle(samples: number[], p: number): number {
  const s = [...samples].sort((x, y) => x - y);
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1];
}

describe("percentile", () => {
  test("sorts as numbers, not as text: p25 of [9, 10, 100, 2] → 2", () => {
    expect(percentile([9, 10, 100, 2], 25)).toBe(2);
    expect(percentile([9, 10, 100, 2], 75)).toBe(10);
  });

  test("nearest rank, no interpolation: p50 of [1, 2, 3, 4] → 2 (an actual sample, not 2.5)", () => {
    expect(percentile([4, 3, 2, 1], 50)).toBe(2);
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([10, 20], 51)).toBe(20);
  });

  test("edges: p0 and tiny p → the smallest sample; one sample → that sample for any p; none → null", () => {
    expect(percentile([7, 3, 5], 0)).toBe(3);
    expect(percentile([7, 3, 5], 0.1)).toBe(3);
    expect(percentile([42], 99.9)).toBe(42);
    expect(percentile([], 50)).toBe(null);
  });

  test("the caller's array is left as it was (sort a copy)", () => {
    const samples = [30, 10, 20];
    percentile(samples, 50);
    expect(samples).toEqual([30, 10, 20]);
  });

  test("p50, p90, p99 and p99.9 of several thousand generated latencies with a long tail", () => {
    for (const seed of [11, 2024, 777]) {
      const samples = latencies(seed, 1000 + seed);
      for (const p of [50, 90, 99, 99.9]) {
        expect(`seed ${seed} p${p}: ${percentile(samples, p)}`).toBe(`seed ${seed} p${p}: ${oracle(samples, p)}`);
      }
    }
  });
});

describe("LatencyHistogram", () => {
  test("a value equal to a bound counts in that bucket (le means less than or equal)", () => {
    const h = new LatencyHistogram([10, 50, 100]);
    for (const ms of [10, 50, 100, 0]) h.observe(ms);
    expect(h.buckets()).toEqual([
      { le: 10, count: 2 },
      { le: 50, count: 3 },
      { le: 100, count: 4 },
      { le: Infinity, count: 4 },
    ]);
  });

  test("negative, NaN and infinite values are ignored: not counted, not summed", () => {
    const h = new LatencyHistogram([10]);
    for (const ms of [-1, Number.NaN, Infinity, 3]) h.observe(ms);
    expect(h.count).toBe(1);
    expect(h.sum).toBe(3);
    expect(h.buckets()).toEqual([{ le: 10, count: 1 }, { le: Infinity, count: 1 }]);
  });

  test("quantile answers with a bucket's bound, not an exact sample: 1..100 in [25, 50, 75, 100] → q0.3 is 50, and the rank rounds up", () => {
    const h = new LatencyHistogram([25, 50, 75, 100]);
    for (let ms = 1; ms <= 100; ms++) h.observe(ms);
    expect(h.quantile(0.3)).toBe(50);
    expect(h.quantile(0.25)).toBe(25);
    expect(h.quantile(0.26)).toBe(50);
    expect(h.quantile(1)).toBe(100);
    expect(h.quantile(0.255)).toBe(50);
    const three = new LatencyHistogram([10, 50, 100]);
    for (const ms of [5, 30, 70]) three.observe(ms);
    expect(three.quantile(0.5)).toBe(50);
  });

  test("a quantile that falls past the last bound → Infinity; an empty histogram → null", () => {
    const h = new LatencyHistogram([100, 200]);
    expect(h.quantile(0.5)).toBe(null);
    for (const ms of [50, 150, 5000, 6000]) h.observe(ms);
    expect(h.quantile(0.5)).toBe(200);
    expect(h.quantile(0.75)).toBe(Infinity);
  });

  test("quantiles of generated latencies match the bucket of the nearest-rank sample", () => {
    const bounds = [5, 10, 25, 50, 100, 250, 500, 1000, 2500];
    for (const seed of [5, 99, 31337]) {
      const samples = latencies(seed, 2000 + seed % 500);
      const h = new LatencyHistogram(bounds);
      for (const ms of samples) h.observe(ms);
      expect(h.count).toBe(samples.length);
      expect(h.sum).toBe(samples.reduce((a, b) => a + b, 0));
      for (const q of [0.5, 0.9, 0.99, 0.999]) {
        const exact = oracle(samples, q * 100);
        const want = bounds.find((b) => exact <= b) ?? Infinity;
        expect(`seed ${seed} q${q}: ${h.quantile(q)}`).toBe(`seed ${seed} q${q}: ${want}`);
      }
    }
  });

  test("two histograms keep separate counts", () => {
    const a = new LatencyHistogram([10]);
    const b = new LatencyHistogram([10]);
    a.observe(1);
    a.observe(20);
    b.observe(2);
    expect(a.count).toBe(2);
    expect(b.count).toBe(1);
    expect(b.buckets()).toEqual([{ le: 10, count: 1 }, { le: Infinity, count: 1 }]);
  });
});
