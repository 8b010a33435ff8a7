import { mergeIntervals } from "./solution";
import type { Interval } from "./solution";

function randomGenerator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random lists of 0-8 intervals with integer ends in 0..40 (so one- and two-digit numbers mix). */
function randomIntervals(random: () => number): Interval[] {
  const int = (max: number) => Math.floor(random() * (max + 1));
  return Array.from({ length: int(8) }, () => {
    const start = int(40);
    return [start, start + int(6)] as Interval;
  });
}

/** Points to probe, halves included: -1, -0.5, 0, ..., 48. */
const POINTS = Array.from({ length: 99 }, (_, i) => i / 2 - 1);

const covers = (list: readonly Interval[], x: number) => list.some(([s, e]) => s <= x && x <= e);

/** Runs `check` on 200 generated inputs; a failure names the input, so it can be replayed. */
function forAll(check: (input: Interval[]) => void): void {
  const random = randomGenerator(20251201);
  for (let run = 0; run < 200; run++) {
    const input = randomIntervals(random);
    try {
      check(input);
    } catch (error) {
      throw new Error(`fails for ${JSON.stringify(input)}: ${(error as Error).message}`);
    }
  }
}

describe("mergeIntervals: examples", () => {
  test("the doc comment's example", () => {
    expect(mergeIntervals([[8, 10], [1, 3], [2, 6], [10, 12]])).toEqual([[1, 6], [8, 12]]);
  });

  test("[] → []", () => {
    expect(mergeIntervals([])).toEqual([]);
  });
});

describe("mergeIntervals: properties for any input", () => {
  test("sorted, and each interval starts after the previous one ends", () => {
    forAll((input) => {
      const out = mergeIntervals(input);
      const gaps = out.slice(1).map((interval, i) => interval[0] > out[i][1]);
      expect(gaps).not.toContain(false);
    });
  });

  test("covers exactly the points the input covers", () => {
    forAll((input) => {
      const out = mergeIntervals(input);
      const coverage = (list: readonly Interval[]) => POINTS.map((x) => (covers(list, x) ? "x" : ".")).join("");
      expect(coverage(out)).toBe(coverage(input));
    });
  });

  test("the order of the input does not matter", () => {
    forAll((input) => {
      expect(JSON.stringify(mergeIntervals([...input].reverse()))).toBe(JSON.stringify(mergeIntervals(input)));
    });
  });

  test("merging twice changes nothing (idempotent)", () => {
    forAll((input) => {
      const once = mergeIntervals(input);
      expect(JSON.stringify(mergeIntervals(once))).toBe(JSON.stringify(once));
    });
  });

  test("the input is left as it was", () => {
    forAll((input) => {
      const copy = JSON.stringify(input);
      mergeIntervals(input);
      expect(JSON.stringify(input)).toBe(copy);
    });
  });
});
