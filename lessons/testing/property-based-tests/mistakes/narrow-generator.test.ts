// Mistake: good properties, narrow generator: every end is below 10, so text order and number order
// agree and a sort() without a comparator passes.
import { mergeIntervals } from "./solution";
import type { Interval } from "./solution";
function rng(seed: number) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const covers = (l: readonly Interval[], x: number) => l.some(([s, e]) => s <= x && x <= e);
const gen = (r: () => number): Interval[] => Array.from({ length: Math.floor(r() * 6) }, () => { const s = Math.floor(r() * 8); return [s, s + Math.floor(r() * 2)] as Interval; });
test("properties", () => { const r = rng(3); for (let k = 0; k < 300; k++) { const input = gen(r); const copy = JSON.stringify(input); const out = mergeIntervals(input);
  for (let i = 1; i < out.length; i++) expect(out[i][0]).toBeGreaterThan(out[i - 1][1]);
  for (let x = 0; x <= 10; x += 0.5) expect(covers(out, x)).toBe(covers(input, x));
  expect(JSON.stringify(input)).toBe(copy); } });
