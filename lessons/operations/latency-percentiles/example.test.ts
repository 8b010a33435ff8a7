import { LatencyHistogram, percentile } from "./solution";

describe("percentile", () => {
  test("p50 of [15, 20, 35, 40, 50] → 35", () => {
    expect(percentile([15, 20, 35, 40, 50], 50)).toBe(35);
  });

  test("p90 of 1..10 → 9; p100 → 10", () => {
    const samples = [4, 1, 9, 2, 10, 3, 8, 5, 7, 6];
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 100)).toBe(10);
  });
});

describe("LatencyHistogram", () => {
  test("bounds [10, 50, 100]; observe 5, 30, 30, 70, 400 → cumulative buckets", () => {
    const h = new LatencyHistogram([10, 50, 100]);
    for (const ms of [5, 30, 30, 70, 400]) h.observe(ms);
    expect(h.buckets()).toEqual([
      { le: 10, count: 1 },
      { le: 50, count: 3 },
      { le: 100, count: 4 },
      { le: Infinity, count: 5 },
    ]);
    expect(h.count).toBe(5);
    expect(h.sum).toBe(535);
  });

  test("same data: quantile(0.5) → 50, quantile(0.8) → 100", () => {
    const h = new LatencyHistogram([10, 50, 100]);
    for (const ms of [5, 30, 30, 70, 400]) h.observe(ms);
    expect(h.quantile(0.5)).toBe(50);
    expect(h.quantile(0.8)).toBe(100);
  });
});
