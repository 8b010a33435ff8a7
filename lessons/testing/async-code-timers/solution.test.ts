import { retry } from "./solution";

/** An fn that fails `failures` times, then resolves with "done"; it records when it was called. */
function flaky(failures: number) {
  const calls: number[] = [];
  const start = Date.now();
  const fn = async () => {
    calls.push(Date.now() - start);
    if (calls.length <= failures) throw new Error(`failure ${calls.length}`);
    return "done";
  };
  return { fn, calls, start };
}

describe("retry: success", () => {
  test("first call succeeds: one call, its value", async () => {
    const { fn, calls } = flaky(0);
    await expect(retry(fn)).resolves.toBe("done");
    expect(calls).toEqual([0]);
  });

  test("two failures, then success: calls at 0, 100 and 300 ms", async () => {
    const { fn, calls } = flaky(2);
    await expect(retry(fn, { retries: 3, delayMs: 100 })).resolves.toBe("done");
    expect(calls).toEqual([0, 100, 300]);
  });

  test("success on the very last allowed call", async () => {
    const { fn, calls } = flaky(2);
    await expect(retry(fn, { retries: 2, delayMs: 10 })).resolves.toBe("done");
    expect(calls).toEqual([0, 10, 30]);
  });
});

describe("retry: giving up", () => {
  test("always failing: 1 + retries calls, the last error, no wait after it", async () => {
    const { fn, calls, start } = flaky(Infinity);
    await expect(retry(fn, { retries: 3, delayMs: 50 })).rejects.toThrow("failure 4");
    expect(calls).toEqual([0, 50, 150, 350]);
    expect(Date.now() - start).toBe(350);
  });

  test("defaults: 3 retries, waits of 100, 200 and 400 ms", async () => {
    const { fn, calls } = flaky(Infinity);
    await expect(retry(fn)).rejects.toThrow("failure 4");
    expect(calls).toEqual([0, 100, 300, 700]);
  });

  test("retries: 0 → one call, its error", async () => {
    const { fn, calls } = flaky(Infinity);
    await expect(retry(fn, { retries: 0 })).rejects.toThrow("failure 1");
    expect(calls).toEqual([0]);
  });
});

describe("retry: synchronous throws", () => {
  test("fn that throws before returning a promise is retried too", async () => {
    let calls = 0;
    const fn = () => {
      calls += 1;
      if (calls === 1) throw new Error("sync");
      return Promise.resolve(calls);
    };
    await expect(retry(fn, { retries: 1, delayMs: 1 })).resolves.toBe(2);
  });
});
