// Mistake: one property only (coverage, at whole numbers): unmerged touching intervals cover the same
// points, an empty list is never generated, and the input is never checked.
import { mergeIntervals } from "./solution";
import type { Interval } from "./solution";
function rng(seed: number) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const covers = (l: readonly Interval[], x: number) => l.some(([s, e]) => s <= x && x <= e);
test("coverage at whole numbers", () => { const r = rng(5); for (let k = 0; k < 300; k++) { const input: Interval[] = Array.from({ length: 1 + Math.floor(r() * 8) }, () => { const s = Math.floor(r() * 40); return [s, s + Math.floor(r() * 6)] as Interval; }); const out = mergeIntervals(input);
  const cov = (l: readonly Interval[]) => Array.from({ length: 50 }, (_, i) => covers(l, i - 1) ? 1 : 0).join(""); expect(cov(out)).toBe(cov(input)); } });
