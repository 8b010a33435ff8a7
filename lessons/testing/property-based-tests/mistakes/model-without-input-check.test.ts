// Mistake: compares with a model implementation (a fair oracle), but never checks that the input was
// left alone.
import { mergeIntervals } from "./solution";
import type { Interval } from "./solution";
function rng(seed: number) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
const covers = (l: readonly Interval[], x: number) => l.some(([s, e]) => s <= x && x <= e);
function model(list: readonly Interval[]): Interval[] { const s = [...list].sort((a, b) => a[0] - b[0] || a[1] - b[1]); const m: Interval[] = []; for (const [a, b] of s) { const l = m[m.length - 1]; if (l && a <= l[1]) l[1] = Math.max(l[1], b); else m.push([a, b]); } return m; }
test("matches model", () => { const r = rng(9); for (let k = 0; k < 300; k++) { const input: Interval[] = Array.from({ length: Math.floor(r() * 8) }, () => { const s = Math.floor(r() * 40); return [s, s + 1 + Math.floor(r() * 6)] as Interval; }); expect(mergeIntervals(input)).toEqual(model(input)); } });
