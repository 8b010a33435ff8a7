import { mergeIntervals } from "./solution";
import type { Interval } from "./solution";

/** A small seeded random generator (mulberry32): the same seed gives the same numbers every run. */
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

describe("mergeIntervals", () => {
  test("the example from the doc comment", () => {
    expect(mergeIntervals([[8, 10], [1, 3], [2, 6], [10, 12]])).toEqual([[1, 6], [8, 12]]);
  });

  // Add property tests: generate many random lists of intervals with randomGenerator, and check
  // for each one the rules of the doc comment that must hold for ANY input.
  test("property: (write one)", () => {
    const random = randomGenerator(1);
    for (let run = 0; run < 200; run++) {
      const input: Interval[] = []; // TODO: fill with random intervals
      const output = mergeIntervals(input);
      expect(Array.isArray(output)).toBe(true);
    }
  });
});
