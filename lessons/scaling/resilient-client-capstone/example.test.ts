import { createClient, CircuitOpenError, TimeoutError, type ClientOptions } from "./solution";

/** A fake service: call n answers `statuses[n]` (the last one repeats) after `delayMs` virtual ms. Records when each call came, in ms since the test began. */
function service(statuses: number[], delayMs = 10) {
  const start = Date.now();
  const calls: number[] = [];
  const send = (request: Request) => {
    const status = statuses[Math.min(calls.length, statuses.length - 1)];
    calls.push(Date.now() - start);
    return new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(null, { status })), delayMs));
  };
  return { send, calls };
}

const base: Omit<ClientOptions, "send"> = {
  maxConcurrent: 10, timeoutMs: 1000, maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000,
  failureThreshold: 5, resetTimeoutMs: 10_000, random: () => 0.5,
};

/** The status, or the name of the error the request rejected with. */
async function outcome(p: Promise<Response>): Promise<string> {
  try {
    return `status ${(await p).status}`;
  } catch (error) {
    return (error as Error).name;
  }
}

describe("createClient", () => {
  test("GET answered 503 then 200 (each after 10 ms): the 200 comes back; the retry is sent 10 + 50 ms after the first call (random 0.5 × 100)", async () => {
    const { send, calls } = service([503, 200]);
    const request = createClient({ ...base, send });
    expect(await outcome(request(new Request("http://api.test/items")))).toBe("status 200");
    expect(calls).toEqual([0, 60]);
  });

  test("timeoutMs 1000, a service that takes 5 s: the request fails with TimeoutError after 1000 ms (maxAttempts 1)", async () => {
    const { send } = service([200], 5000);
    const request = createClient({ ...base, maxAttempts: 1, send });
    const start = Date.now();
    const result = await outcome(request(new Request("http://api.test/slow")));
    expect(result).toBe(new TimeoutError().name);
    expect(Date.now() - start).toBe(1000);
  });

  test("maxConcurrent 2, four requests at once, each call takes 100 ms: calls start at 0, 0, 100 and 100 ms", async () => {
    const { send, calls } = service([200], 100);
    const request = createClient({ ...base, maxConcurrent: 2, send });
    await Promise.all([1, 2, 3, 4].map((i) => request(new Request(`http://api.test/items/${i}`))));
    expect(calls).toEqual([0, 0, 100, 100]);
  });

  test("failureThreshold 2: after two failed requests the third is refused with CircuitOpenError without calling the service", async () => {
    const { send, calls } = service([500]);
    const request = createClient({ ...base, maxAttempts: 1, failureThreshold: 2, send });
    await outcome(request(new Request("http://api.test/a")));
    await outcome(request(new Request("http://api.test/b")));
    expect(await outcome(request(new Request("http://api.test/c")))).toBe(new CircuitOpenError().name);
    expect(calls.length).toBe(2);
  });
});
