// Mistake: exact and thorough for explicit options, but the defaults are never used.
import { retry } from "./solution";
function flaky(n: number) { const calls: number[] = []; const start = Date.now(); return { calls, start, fn: async () => { calls.push(Date.now() - start); if (calls.length <= n) throw new Error(`failure ${calls.length}`); return "done"; } }; }
test("recovers", async () => { const f = flaky(2); await expect(retry(f.fn, { retries: 3, delayMs: 100 })).resolves.toBe("done"); expect(f.calls).toEqual([0, 100, 300]); });
test("gives up", async () => { const f = flaky(Infinity); await expect(retry(f.fn, { retries: 3, delayMs: 100 })).rejects.toThrow("failure 4"); expect(f.calls).toEqual([0, 100, 300, 700]); expect(Date.now() - f.start).toBe(700); });
test("sync", async () => { let c = 0; await expect(retry(() => { c++; if (c < 2) throw new Error("s"); return Promise.resolve(c); }, { retries: 2, delayMs: 1 })).resolves.toBe(2); });
