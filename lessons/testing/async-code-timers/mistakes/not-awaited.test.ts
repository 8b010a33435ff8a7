// Mistake: the promises are neither awaited nor returned, so every test ends before its assertion
// settles and passes whatever retry does.
import { retry } from "./solution";
function flaky(n: number) { const calls: number[] = []; const start = Date.now(); return { calls, start, fn: async () => { calls.push(Date.now() - start); if (calls.length <= n) throw new Error(`failure ${calls.length}`); return "done"; } }; }
test("resolves", () => { expect(retry(flaky(2).fn)).resolves.toBe("done"); });
test("rejects", () => { expect(retry(flaky(Infinity).fn)).rejects.toThrow("failure 4"); });
