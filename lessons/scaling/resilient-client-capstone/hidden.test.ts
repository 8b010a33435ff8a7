import fc from "fast-check";
import { createClient, CircuitOpenError, TimeoutError, type ClientOptions } from "./solution";

type Plan = { status: number; after: number } | { error: Error; after: number } | "hang";

/** A fake service: call n follows plans[n] (the last plan repeats). Records each call's time, path and body, and calls in flight. */
function service(plans: Plan[]) {
  const start = Date.now();
  const calls: { at: number; path: string; body: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = (request: Request): Promise<Response> => {
    const plan = plans[Math.min(calls.length, plans.length - 1)];
    const call = { at: Date.now() - start, path: new URL(request.url).pathname, body: "" };
    calls.push(call);
    if (request.body !== null) void request.text().then((text) => (call.body = text));
    if (plan === "hang") return new Promise<Response>(() => {});
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<Response>((resolve, reject) =>
      setTimeout(() => {
        inFlight--;
        if ("error" in plan) reject(plan.error);
        else resolve(new Response(null, { status: plan.status }));
      }, plan.after),
    );
  };
  return { send, calls, times: () => calls.map((c) => c.at), maxInFlight: () => maxInFlight };
}

const ok = (after = 10): Plan => ({ status: 200, after });
const status = (code: number, after = 10): Plan => ({ status: code, after });
const netError = (after = 10): Plan => ({ error: new TypeError("connection reset"), after });

const base: Omit<ClientOptions, "send"> = {
  maxConcurrent: 10,
  timeoutMs: 1000,
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 5000,
  failureThreshold: 100,
  resetTimeoutMs: 10_000,
  random: () => 0.5,
};

/** "status N", or the error's name. */
async function outcome(p: Promise<Response>): Promise<string> {
  try {
    return `status ${(await p).status}`;
  } catch (error) {
    if (error instanceof CircuitOpenError) return "CircuitOpenError";
    if (error instanceof TimeoutError) return "TimeoutError";
    return `error ${(error as Error).message}`;
  }
}

const get = (path = "/r") => new Request(`http://api.test${path}`);

describe("concurrency limit", () => {
  test(
    "never more attempts in flight than maxConcurrent, and every request is answered",
    { description: "Generated limits, request counts and service delays." },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 4 }),
          fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 10 }),
          async (maxConcurrent, delays) => {
            const svc = service(delays.map((d) => ok(d)));
            const request = createClient({ ...base, maxConcurrent, send: svc.send });
            const results = await Promise.all(delays.map((_, i) => outcome(request(get(`/${i}`)))));
            expect(results).toEqual(delays.map(() => "status 200"));
            expect(svc.maxInFlight()).toBe(Math.min(maxConcurrent, delays.length));
          },
        ),
        { numRuns: 15 },
      );
    },
  );

  test("waiting requests are sent in the order they arrived", async () => {
    const svc = service([ok(50)]);
    const request = createClient({ ...base, maxConcurrent: 1, send: svc.send });
    await Promise.all(["/a", "/b", "/c", "/d"].map((p) => request(get(p))));
    expect(svc.calls.map((c) => `${c.path}@${c.at}`)).toEqual(["/a@0", "/b@50", "/c@100", "/d@150"]);
  });

  test("a request waiting for its backoff holds no slot: another request goes first", async () => {
    const svc = service([status(503, 10), ok(10), ok(10)]);
    const request = createClient({ ...base, maxConcurrent: 1, baseDelayMs: 1000, send: svc.send });
    const first = outcome(request(get("/first")));
    const second = outcome(request(get("/second")));
    expect([await first, await second]).toEqual(["status 200", "status 200"]);
    // /first fails at 10 ms and backs off 500 ms; /second must not wait for that.
    expect(svc.calls.map((c) => `${c.path}@${c.at}`)).toEqual(["/first@0", "/second@10", "/first@510"]);
  });

  test("a timed-out attempt frees its slot at the timeout, even though the service never answers", async () => {
    const svc = service(["hang", ok(10)]);
    const request = createClient({ ...base, maxConcurrent: 1, maxAttempts: 1, timeoutMs: 300, send: svc.send });
    const results = await Promise.all([outcome(request(get("/a"))), outcome(request(get("/b")))]);
    expect(results).toEqual(["TimeoutError", "status 200"]);
    expect(svc.times()).toEqual([0, 300]);
  });
});

describe("timeouts", () => {
  test("an answer just before the timeout is returned", async () => {
    const svc = service([ok(999)]);
    const request = createClient({ ...base, timeoutMs: 1000, send: svc.send });
    expect(await outcome(request(get()))).toBe("status 200");
  });

  test("a GET that times out is retried like a network error", async () => {
    const svc = service(["hang", ok(10)]);
    const request = createClient({ ...base, timeoutMs: 400, send: svc.send });
    expect(await outcome(request(get()))).toBe("status 200");
    expect(svc.times()).toEqual([0, 450]);
  });

  test("an answer that arrives after the timeout is ignored, and a late failure is not an unhandled rejection", async () => {
    const svc = service([status(200, 700), netError(700), status(200, 700)]);
    const request = createClient({ ...base, timeoutMs: 500, maxAttempts: 2, send: svc.send });
    const results = [await outcome(request(get("/a"))), await outcome(request(get("/b")))];
    // let the late answers arrive while the test still runs
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(results).toEqual(["TimeoutError", "TimeoutError"]);
  });
});

describe("retries", () => {
  test("POST without an Idempotency-Key: one attempt, whether it gets a 503, a network error or a timeout", async () => {
    const results: string[] = [];
    for (const plan of [status(503), netError(), "hang"] as Plan[]) {
      const svc = service([plan, ok()]);
      const request = createClient({ ...base, timeoutMs: 200, send: svc.send });
      const r = await outcome(request(new Request("http://api.test/orders", { method: "POST", body: "{}" })));
      results.push(`${r} ${svc.calls.length}`);
    }
    expect(results).toEqual(["status 503 1", "error connection reset 1", "TimeoutError 1"]);
  });

  test("a PUT with a body is retried and every attempt sends the whole body; a POST with an Idempotency-Key is retried too", async () => {
    const svc = service([status(502), netError(), ok()]);
    const request = createClient({ ...base, send: svc.send });
    const body = JSON.stringify({ title: "Fix the roof" });
    expect(await outcome(request(new Request("http://api.test/tasks/1", { method: "PUT", body })))).toBe("status 200");
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(svc.calls.map((c) => c.body)).toEqual([body, body, body]);

    const svc2 = service([status(503), ok()]);
    const request2 = createClient({ ...base, send: svc2.send });
    const post = new Request("http://api.test/payments", { method: "POST", headers: { "Idempotency-Key": "k-1" }, body: "{}" });
    expect(await outcome(request2(post))).toBe("status 200");
    expect(svc2.calls.length).toBe(2);
  });

  test("4xx answers (400, 404, 409, 422) are returned at once, without a retry", async () => {
    const results: string[] = [];
    for (const code of [400, 404, 409, 422]) {
      const svc = service([status(code), ok()]);
      const request = createClient({ ...base, send: svc.send });
      results.push(`${await outcome(request(get()))} ${svc.calls.length}`);
    }
    expect(results).toEqual(["status 400 1", "status 404 1", "status 409 1", "status 422 1"]);
  });

  test(
    "retries wait floor(random() × min(maxDelayMs, baseDelayMs × 2^(retry - 1))) after the failed attempt ends, and stop after maxAttempts",
    { description: "Generated random values, base delays, caps and attempt counts, against a service that always answers 503." },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          // random() of at least 0.5 and ceilings of at least 2 ms: every wait is 1 ms or more (a 0 ms timer still takes 1 ms).
          fc.array(fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true }), { minLength: 6, maxLength: 6 }),
          fc.integer({ min: 2, max: 400 }),
          fc.integer({ min: 2, max: 3000 }),
          fc.integer({ min: 1, max: 7 }),
          async (randoms, baseDelayMs, maxDelayMs, maxAttempts) => {
            let next = 0;
            const svc = service([status(503, 20)]);
            const request = createClient({ ...base, baseDelayMs, maxDelayMs, maxAttempts, random: () => randoms[next++ % 6], send: svc.send });
            const result = await outcome(request(get()));
            const expected = [0];
            for (let k = 1; k < maxAttempts; k++) {
              expected.push(expected[k - 1] + 20 + Math.floor(randoms[k - 1] * Math.min(maxDelayMs, baseDelayMs * 2 ** (k - 1))));
            }
            expect({ result, times: svc.times() }).toEqual({ result: "status 503", times: expected });
          },
        ),
        { numRuns: 25 },
      );
    },
  );

  test("a network error on every attempt: maxAttempts attempts, then the last error", async () => {
    const errors = [new TypeError("reset 1"), new TypeError("reset 2"), new TypeError("reset 3")];
    const svc = service(errors.map((error) => ({ error, after: 5 })));
    const request = createClient({ ...base, send: svc.send });
    let caught: unknown = null;
    try {
      await request(get());
    } catch (error) {
      caught = error;
    }
    expect(caught === errors[2]).toBe(true);
    expect(svc.calls.length).toBe(3);
  });

  test("a send function that throws synchronously counts as a network error: the request rejects, it never throws", async () => {
    const boom = new TypeError("bad url");
    let calls = 0;
    const request = createClient({ ...base, maxAttempts: 2, send: () => {
      calls++;
      throw boom;
    } });
    let threw = false;
    let p: Promise<Response> = Promise.resolve(new Response());
    try {
      p = request(get());
    } catch {
      threw = true;
    }
    const result = await outcome(p);
    expect({ threw, result, calls }).toEqual({ threw: false, result: "error bad url", calls: 2 });
  });
});

describe("circuit breaker", () => {
  test("retries stop when the circuit opens: threshold 2, maxAttempts 5, always 503 → 2 calls, then CircuitOpenError", async () => {
    const svc = service([status(503)]);
    const request = createClient({ ...base, maxAttempts: 5, failureThreshold: 2, send: svc.send });
    expect(await outcome(request(get()))).toBe("CircuitOpenError");
    expect(svc.calls.length).toBe(2);
  });

  test("timeouts and 5xx count as failures; a 4xx answer is a success and resets the count", async () => {
    const svc = service([status(500), status(500), status(422), status(500), "hang", status(503), ok()]);
    const request = createClient({ ...base, maxAttempts: 1, timeoutMs: 100, failureThreshold: 3, send: svc.send });
    const results: string[] = [];
    for (let i = 0; i < 7; i++) results.push(await outcome(request(get())));
    expect(results).toEqual(["status 500", "status 500", "status 422", "status 500", "TimeoutError", "status 503", "CircuitOpenError"]);
    expect(svc.calls.length).toBe(6);
  });

  test("open: refused until resetTimeoutMs have passed, then one trial; while it runs, others are refused; success closes", async () => {
    const svc = service([status(500), status(500), ok(200), ok(10)]);
    const request = createClient({ ...base, maxAttempts: 1, failureThreshold: 2, resetTimeoutMs: 1000, send: svc.send });
    await outcome(request(get()));
    await outcome(request(get()));
    const openedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 999 - (Date.now() - openedAt)));
    const early = await outcome(request(get()));
    await new Promise((resolve) => setTimeout(resolve, 1));
    const trial = outcome(request(get("/trial")));
    const during = await Promise.all([outcome(request(get("/x"))), outcome(request(get("/y")))]);
    expect({ early, during, trial: await trial }).toEqual({
      early: "CircuitOpenError",
      during: ["CircuitOpenError", "CircuitOpenError"],
      trial: "status 200",
    });
    expect(await outcome(request(get("/after")))).toBe("status 200");
    expect(svc.calls.map((c) => c.path)).toEqual(["/r", "/r", "/trial", "/after"]);
  });

  test("a failed trial opens the circuit again for a full resetTimeoutMs", async () => {
    const svc = service([status(500), status(500), ok()]);
    const request = createClient({ ...base, maxAttempts: 1, failureThreshold: 1, resetTimeoutMs: 1000, send: svc.send });
    await outcome(request(get()));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await outcome(request(get("/trial")))).toBe("status 500");
    const reopened = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 999));
    const stillOpen = await outcome(request(get("/early")));
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() - reopened)));
    const retried = await outcome(request(get("/later")));
    expect({ stillOpen, retried }).toEqual({ stillOpen: "CircuitOpenError", retried: "status 200" });
  });
});
