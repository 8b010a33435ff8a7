// Mistake: steps the clock and then waits exactly two microtask turns, which suits one way of writing
// retry; a correct version built from promise chains needs more, and the test fails on it.
import { retry } from "./solution";
test("step by step with clock.advance", async () => {
  const seen: number[] = [];
  const t0 = Date.now();
  let n = 0;
  const p = retry(async () => { seen.push(Date.now() - t0); n++; throw new Error("e" + n); }, { retries: 2, delayMs: 40 });
  const outcome = p.then(() => "resolved", (e: Error) => e.message);
  await Promise.resolve(); await Promise.resolve();
  expect(seen).toEqual([0]);
  clock.advance(39); await Promise.resolve(); await Promise.resolve();
  expect(seen).toEqual([0]);
  clock.advance(1); for (let i = 0; i < 5; i++) await Promise.resolve();
  expect(seen).toEqual([0, 40]);
  expect(await outcome).toBe("e3");
  expect(seen).toEqual([0, 40, 120]);
  expect(Date.now() - t0).toBe(120);
});
test("defaults and success", async () => {
  const t0 = Date.now(); const at: number[] = [];
  const v = await retry(async () => { at.push(Date.now() - t0); if (at.length < 4) throw new Error("x"); return 42; });
  expect([v, at]).toEqual([42, [0, 100, 300, 700]]);
  const at2: number[] = [];
  await expect(retry(async () => { at2.push(1); throw new Error(`n${at2.length}`); })).rejects.toThrow(/^n4$/);
  expect(at2.length).toBe(4);
});
test("zero retries and sync throw", async () => {
  await expect(retry(() => Promise.reject(new Error("only")), { retries: 0 })).rejects.toThrow("only");
  let k = 0;
  await expect(retry((): Promise<string> => { if (k++ === 0) throw new Error("sync"); return Promise.resolve("fine"); }, { retries: 1 })).resolves.toBe("fine");
});
