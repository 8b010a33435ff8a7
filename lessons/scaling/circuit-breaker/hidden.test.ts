import { CircuitBreaker, CircuitOpenError } from "./solution";

const ok = () => Promise.resolve("ok");
const boom = () => Promise.reject(new Error("service down"));

function makeBreaker(failureThreshold: number, resetTimeoutMs: number) {
  let t = 0;
  const breaker = new CircuitBreaker({ failureThreshold, resetTimeoutMs, now: () => t });
  return { breaker, tick: (ms: number) => void (t += ms) };
}

/** What a call produced: "value <v>", "refused" (CircuitOpenError) or "error <message>". */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    return `value ${String(await p)}`;
  } catch (error) {
    if (error instanceof CircuitOpenError) return "refused";
    return `error ${(error as Error).message}`;
  }
}

/** A service whose calls we count; `fail` decides each call's fate. */
function service(fail: () => boolean) {
  const calls = { count: 0 };
  const fn = () => {
    calls.count++;
    return fail() ? Promise.reject(new Error("service down")) : Promise.resolve("ok");
  };
  return { fn, calls };
}

describe("opening", () => {
  test("threshold 3: 2 failures leave the circuit closed and the third call still reaches the service", async () => {
    const { breaker } = makeBreaker(3, 1000);
    await outcome(breaker.call(boom));
    await outcome(breaker.call(boom));
    expect(breaker.state).toBe("closed");
    expect(await outcome(breaker.call(ok))).toBe("value ok");
  });

  test("threshold 3: failures must be consecutive; fail, fail, succeed, fail, fail → still closed", async () => {
    const { breaker } = makeBreaker(3, 1000);
    for (const fn of [boom, boom, ok, boom, boom]) await outcome(breaker.call(fn));
    expect(breaker.state).toBe("closed");
  });

  test("threshold 1: a single failure opens the circuit", async () => {
    const { breaker } = makeBreaker(1, 1000);
    await outcome(breaker.call(boom));
    expect(breaker.state).toBe("open");
  });

  test("the call that reaches the threshold still rejects with the service's own error (not CircuitOpenError)", async () => {
    const { breaker } = makeBreaker(2, 1000);
    await outcome(breaker.call(boom));
    expect(await outcome(breaker.call(boom))).toBe("error service down");
  });

  test("while open, 10 calls are all refused with CircuitOpenError and the service is never called", async () => {
    const { breaker, tick } = makeBreaker(2, 1000);
    const { fn, calls } = service(() => true);
    await outcome(breaker.call(fn));
    await outcome(breaker.call(fn));
    const results: string[] = [];
    for (let i = 0; i < 10; i++) {
      tick(50);
      results.push(await outcome(breaker.call(fn)));
    }
    expect(results).toEqual(Array(10).fill("refused"));
    expect(calls.count).toBe(2);
  });

  test("a service function that throws instead of rejecting counts as a failure, and call() rejects rather than throws", async () => {
    const { breaker } = makeBreaker(1, 1000);
    const thrower = (): Promise<string> => {
      throw new Error("sync failure");
    };
    let threwSynchronously = false;
    let promise: Promise<unknown> | undefined;
    try {
      promise = breaker.call(thrower);
    } catch {
      threwSynchronously = true;
    }
    expect(threwSynchronously).toBe(false);
    expect(await outcome(promise ?? Promise.resolve())).toBe("error sync failure");
    expect(breaker.state).toBe("open");
  });
});

describe("half-open and recovery", () => {
  test("resetTimeoutMs 1000: still open at 999 ms, half-open at exactly 1000 ms", async () => {
    const { breaker, tick } = makeBreaker(1, 1000);
    await outcome(breaker.call(boom));
    tick(999);
    expect(breaker.state).toBe("open");
    expect(await outcome(breaker.call(ok))).toBe("refused");
    tick(1);
    expect(breaker.state).toBe("half-open");
  });

  test("after the timeout one trial call goes through; if it succeeds the circuit closes", async () => {
    const { breaker, tick } = makeBreaker(1, 1000);
    await outcome(breaker.call(boom));
    tick(1000);
    expect(await outcome(breaker.call(ok))).toBe("value ok");
    expect(breaker.state).toBe("closed");
  });

  test("after a successful trial the failure count starts again from zero: threshold 3 needs 3 new failures", async () => {
    const { breaker, tick } = makeBreaker(3, 1000);
    for (let i = 0; i < 3; i++) await outcome(breaker.call(boom));
    tick(1000);
    await outcome(breaker.call(ok));
    await outcome(breaker.call(boom));
    await outcome(breaker.call(boom));
    expect(breaker.state).toBe("closed");
  });

  test("a failed trial opens the circuit again for a full timeout, counted from the trial", async () => {
    const { breaker, tick } = makeBreaker(1, 1000);
    await outcome(breaker.call(boom));
    tick(1500);
    expect(await outcome(breaker.call(boom))).toBe("error service down");
    expect(breaker.state).toBe("open");
    tick(999);
    expect(await outcome(breaker.call(ok))).toBe("refused");
    tick(1);
    expect(await outcome(breaker.call(ok))).toBe("value ok");
  });

  test("while the trial call is still running, other calls are refused and the service sees only the trial", async () => {
    const { breaker, tick } = makeBreaker(1, 1000);
    await outcome(breaker.call(boom));
    tick(1000);
    let finish: (value: string) => void = () => {};
    const slow = service(() => false);
    // outcome() at once, so a refused trial is a failed assertion below, not an unhandled rejection.
    const trial = outcome(
      breaker.call(() => {
        slow.calls.count++;
        return new Promise<string>((resolve) => {
          finish = resolve;
        });
      }),
    );
    const during = await Promise.all([outcome(breaker.call(slow.fn)), outcome(breaker.call(slow.fn))]);
    expect(during).toEqual(["refused", "refused"]);
    expect(breaker.state).toBe("half-open");
    finish("late ok");
    expect(await trial).toBe("value late ok");
    expect(slow.calls.count).toBe(1);
    expect(breaker.state).toBe("closed");
  });

  test("a slow trial that fails reopens the circuit from the moment it failed", async () => {
    const { breaker, tick } = makeBreaker(1, 1000);
    await outcome(breaker.call(boom));
    tick(1000);
    let fail: (error: Error) => void = () => {};
    const trial = outcome(breaker.call(() => new Promise<string>((_, reject) => (fail = reject))));
    tick(300);
    fail(new Error("timed out"));
    expect(await trial).toBe("error timed out");
    tick(999);
    expect(breaker.state).toBe("open");
    tick(1);
    expect(breaker.state).toBe("half-open");
  });
});

describe("clock", () => {
  test("without a now option the breaker uses Date.now: open, then half-open after clock.advance(5000)", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 5000 });
    await outcome(breaker.call(boom));
    expect(breaker.state).toBe("open");
    clock.advance(5000);
    expect(breaker.state).toBe("half-open");
  });

  test("two breakers are independent: opening one leaves the other closed", async () => {
    const a = makeBreaker(1, 1000).breaker;
    const b = makeBreaker(1, 1000).breaker;
    await outcome(a.call(boom));
    expect(a.state).toBe("open");
    expect(b.state).toBe("closed");
    expect(await outcome(b.call(ok))).toBe("value ok");
  });
});
