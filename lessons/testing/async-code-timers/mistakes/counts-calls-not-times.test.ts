// Mistake: counts the calls but never looks at when they happened: constant, early-doubling,
// seconds-for-milliseconds and un-awaited waits all make the same number of calls.
import { retry } from "./solution";
function flaky(n: number) { const calls: number[] = []; const start = Date.now(); return { calls, start, fn: async () => { calls.push(Date.now() - start); if (calls.length <= n) throw new Error(`failure ${calls.length}`); return "done"; } }; }
test("recovers", async () => { const f = flaky(2); await expect(retry(f.fn, { retries: 3 })).resolves.toBe("done"); expect(f.calls).toHaveLength(3); });
test("gives up", async () => { const f = flaky(Infinity); await expect(retry(f.fn, { retries: 3 })).rejects.toThrow("failure 4"); expect(f.calls).toHaveLength(4); });
test("defaults", async () => { const f = flaky(Infinity); await expect(retry(f.fn)).rejects.toThrow("failure 4"); });
test("sync", async () => { let c = 0; await expect(retry(() => { c++; if (c < 2) throw new Error("s"); return Promise.resolve(c); }, { retries: 2 })).resolves.toBe(2); });
