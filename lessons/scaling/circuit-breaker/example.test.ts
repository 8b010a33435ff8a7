import { CircuitBreaker } from "./solution";

const ok = () => Promise.resolve("ok");
const boom = () => Promise.reject(new Error("service down"));

/** Runs a call and returns what came out: the value, or the error's name and message. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    return `value ${String(await p)}`;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe("CircuitBreaker", () => {
  test("closed: a successful call returns the service's value", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 1000, now: () => 0 });
    expect(await outcome(breaker.call(ok))).toBe("value ok");
    expect(breaker.state).toBe("closed");
  });

  test("a failing call rejects with the service's own error", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 1000, now: () => 0 });
    expect(await outcome(breaker.call(boom))).toBe("Error: service down");
  });

  test("threshold 3: after 3 failures in a row the circuit is open and the next call is refused without calling the service", async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 1000, now: () => 0 });
    for (let i = 0; i < 3; i++) await outcome(breaker.call(boom));
    expect(breaker.state).toBe("open");
    let called = false;
    const result = await outcome(breaker.call(() => ((called = true), ok())));
    expect(result.startsWith("CircuitOpenError")).toBe(true);
    expect(called).toBe(false);
  });
});
