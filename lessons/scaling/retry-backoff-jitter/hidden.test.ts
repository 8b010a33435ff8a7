import fc from "fast-check";
import { sendWithRetry, type RetryOptions } from "./solution";

type Step = number | Error | Response;

/** A fake service scripted by `steps` (a status, an error to reject with, or a response); records each attempt. */
function service(steps: Step[]) {
  const attempts: { method: string; body: string; key: string | null; same: boolean }[] = [];
  const seen = new Set<Request>();
  const send = async (request: Request) => {
    const body = request.body === null ? "" : await request.text();
    attempts.push({ method: request.method, body, key: request.headers.get("idempotency-key"), same: seen.has(request) });
    seen.add(request);
    const step = steps[Math.min(attempts.length - 1, steps.length - 1)];
    if (step instanceof Error) throw step;
    if (step instanceof Response) return step;
    return new Response(`status ${step}`, { status: step });
  };
  return { send, attempts };
}

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

function options(overrides: Partial<RetryOptions> = {}): RetryOptions {
  return { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, ...overrides };
}

/** What sendWithRetry produced: the status, or the error it rejected with. */
async function outcome(p: Promise<Response>): Promise<{ status: number } | { error: unknown }> {
  try {
    return { status: (await p).status };
  } catch (error) {
    return { error };
  }
}

describe("which requests are retried", () => {
  test("GET, HEAD, OPTIONS, PUT and DELETE are idempotent: each is retried after a 503", async () => {
    const seen: Record<string, number> = {};
    for (const method of ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]) {
      const { send, attempts } = service([503, 200]);
      const res = await sendWithRetry(new Request("http://api.test/r", { method }), send, options(recordingSleep()));
      seen[method] = attempts.length * 1000 + res.status;
    }
    expect(seen).toEqual({ GET: 2200, HEAD: 2200, OPTIONS: 2200, PUT: 2200, DELETE: 2200 });
  });

  test("POST and PATCH without an Idempotency-Key are sent once, whatever fails: 503, 429 or a network error", async () => {
    const results: string[] = [];
    for (const method of ["POST", "PATCH"]) {
      for (const failure of [503, 429, new TypeError("connection reset")] as Step[]) {
        const { send, attempts } = service([failure, 200]);
        const { sleep, waits } = recordingSleep();
        const got = await outcome(sendWithRetry(new Request("http://api.test/r", { method, body: "{}" }), send, options({ sleep })));
        results.push(`${method} ${"status" in got ? got.status : "error"} attempts=${attempts.length} waits=${waits.length}`);
      }
    }
    expect(results).toEqual([
      "POST 503 attempts=1 waits=0",
      "POST 429 attempts=1 waits=0",
      "POST error attempts=1 waits=0",
      "PATCH 503 attempts=1 waits=0",
      "PATCH 429 attempts=1 waits=0",
      "PATCH error attempts=1 waits=0",
    ]);
  });

  test("a POST with an Idempotency-Key is retried, and every attempt carries the same key", async () => {
    const { send, attempts } = service([503, 502, 201]);
    const request = new Request("http://api.test/payments", {
      method: "POST",
      headers: { "Idempotency-Key": "pay-7c1e", "Content-Type": "application/json" },
      body: '{"amount":1250}',
    });
    const res = await sendWithRetry(request, send, options(recordingSleep()));
    expect(res.status).toBe(201);
    expect(attempts.map((a) => a.key)).toEqual(["pay-7c1e", "pay-7c1e", "pay-7c1e"]);
  });

  test("every attempt sends the full body again, each in a request of its own", async () => {
    const body = JSON.stringify({ name: "Ada", tags: ["x", "y"] });
    const { send, attempts } = service([500, new TypeError("socket hang up"), 200]);
    const request = new Request("http://api.test/users/1", { method: "PUT", body });
    const res = await sendWithRetry(request, send, options(recordingSleep()));
    expect(res.status).toBe(200);
    expect(attempts.map((a) => `${a.body === body} ${a.same}`)).toEqual(["true false", "true false", "true false"]);
  });
});

describe("which failures are retried", () => {
  test("408, 429, 500, 502, 503 and 504 are retried", async () => {
    const counts: Record<number, number> = {};
    for (const status of [408, 429, 500, 502, 503, 504]) {
      const { send, attempts } = service([status, 200]);
      await sendWithRetry(new Request("http://api.test/r"), send, options(recordingSleep()));
      counts[status] = attempts.length;
    }
    expect(counts).toEqual({ 408: 2, 429: 2, 500: 2, 502: 2, 503: 2, 504: 2 });
  });

  test("success, redirects and other errors (200, 204, 304, 400, 401, 403, 404, 409, 422, 501) are returned at once, unchanged", async () => {
    const got: string[] = [];
    for (const status of [200, 204, 304, 400, 401, 403, 404, 409, 422, 501]) {
      const original = new Response(status === 204 || status === 304 ? null : "x", { status });
      const { send, attempts } = service([original, 200]);
      const res = await sendWithRetry(new Request("http://api.test/r"), send, options(recordingSleep()));
      got.push(`${status}: ${res === original} ${attempts.length}`);
    }
    expect(got).toEqual([200, 204, 304, 400, 401, 403, 404, 409, 422, 501].map((s) => `${s}: true 1`));
  });

  test("a network error (send rejects) is retried; when every attempt fails, the last error is thrown", async () => {
    const errors = [new TypeError("reset 1"), new TypeError("reset 2"), new TypeError("reset 3")];
    const { send, attempts } = service(errors);
    const got = await outcome(sendWithRetry(new Request("http://api.test/r"), send, options({ maxAttempts: 3, sleep: recordingSleep().sleep })));
    expect(attempts.length).toBe(3);
    expect(got).toEqual({ error: errors[2] });
  });
});

describe("bounded attempts", () => {
  test(
    "a service that always fails gets exactly maxAttempts attempts and maxAttempts - 1 waits; the last response is returned",
    { description: "Generated maxAttempts between 1 and 8." },
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 8 }), async (maxAttempts) => {
          const last = new Response("still down", { status: 503 });
          const steps: Step[] = [...Array.from({ length: maxAttempts - 1 }, () => 503), last];
          const { send, attempts } = service(steps);
          const { sleep, waits } = recordingSleep();
          const res = await sendWithRetry(new Request("http://api.test/r"), send, options({ maxAttempts, sleep }));
          expect({ attempts: attempts.length, waits: waits.length, last: res === last }).toEqual({
            attempts: maxAttempts,
            waits: maxAttempts - 1,
            last: true,
          });
        }),
        { numRuns: 12 },
      );
    },
  );

  test("maxAttempts that is not a whole number of at least 1 rejects with a RangeError before anything is sent", async () => {
    const results: string[] = [];
    for (const maxAttempts of [0, -1, 2.5, Number.NaN]) {
      const { send, attempts } = service([200]);
      const got = await outcome(sendWithRetry(new Request("http://api.test/r"), send, options({ maxAttempts, sleep: recordingSleep().sleep })));
      results.push(`${"error" in got && got.error instanceof RangeError} ${attempts.length}`);
    }
    expect(results).toEqual(["true 0", "true 0", "true 0", "true 0"]);
  });
});

describe("backoff with full jitter", () => {
  test(
    "each wait is floor(random() × min(maxDelayMs, baseDelayMs × 2^(retry - 1))), one random() per retry",
    { description: "Generated random values, base delays and caps; up to 8 attempts, so the cap matters." },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 7, maxLength: 7 }),
          fc.integer({ min: 1, max: 500 }),
          fc.integer({ min: 1, max: 20_000 }),
          async (randoms, baseDelayMs, maxDelayMs) => {
            let next = 0;
            const random = () => randoms[next++ % randoms.length];
            const { send } = service([503]);
            const { sleep, waits } = recordingSleep();
            await sendWithRetry(new Request("http://api.test/r"), send, { maxAttempts: 8, baseDelayMs, maxDelayMs, random, sleep });
            const expected = randoms.map((r, i) => Math.floor(r * Math.min(maxDelayMs, baseDelayMs * 2 ** i)));
            expect(waits).toEqual(expected);
            expect(next).toBe(7);
          },
        ),
        { numRuns: 40 },
      );
    },
  );

  test("random() = 0 gives waits of 0: the jitter spans the whole range, down to zero", async () => {
    const { send } = service([503, 503, 200]);
    const { sleep, waits } = recordingSleep();
    await sendWithRetry(new Request("http://api.test/r"), send, options({ random: () => 0, sleep }));
    expect(waits).toEqual([0, 0]);
  });

  test("the next attempt waits until sleep has finished", async () => {
    const { send, attempts } = service([503, 200]);
    let wake: () => void = () => {};
    const sleep = () => new Promise<void>((resolve) => (wake = resolve));
    const result = sendWithRetry(new Request("http://api.test/r"), send, options({ sleep }));
    for (let i = 0; i < 20; i++) await null;
    const before = attempts.length;
    wake();
    const res = await result;
    expect({ before, after: attempts.length, status: res.status }).toEqual({ before: 1, after: 2, status: 200 });
  });

  test("without a sleep option the waits are real timers: attempts happen at 0, then after 150 and 300 more virtual ms", async () => {
    const { send } = service([503, 503, 200]);
    const times: number[] = [];
    const start = Date.now();
    const timed = async (request: Request) => {
      times.push(Date.now() - start);
      return send(request);
    };
    await sendWithRetry(new Request("http://api.test/r"), timed, { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 10_000, random: () => 0.75 });
    expect(times).toEqual([0, 150, 450]);
  });
});

describe("Retry-After", () => {
  test("a 503 with Retry-After in seconds waits at least that long, even when the jittered wait is shorter", async () => {
    const { send } = service([new Response(null, { status: 503, headers: { "Retry-After": "3" } }), 200]);
    const { sleep, waits } = recordingSleep();
    const res = await sendWithRetry(new Request("http://api.test/r"), send, options({ sleep }));
    expect({ status: res.status, waits }).toEqual({ status: 200, waits: [3000] });
  });

  test("a Retry-After shorter than the jittered wait does not shorten it", async () => {
    const { send } = service([new Response(null, { status: 429, headers: { "Retry-After": "0" } }), 200]);
    const { sleep, waits } = recordingSleep();
    await sendWithRetry(new Request("http://api.test/r"), send, options({ baseDelayMs: 1000, random: () => 0.5, sleep }));
    expect(waits).toEqual([500]);
  });

  test("a Retry-After longer than maxDelayMs: give up and return that response instead of waiting", async () => {
    const busy = new Response(null, { status: 429, headers: { "Retry-After": "120" } });
    const { send, attempts } = service([busy, 200]);
    const { sleep, waits } = recordingSleep();
    const res = await sendWithRetry(new Request("http://api.test/r"), send, options({ maxDelayMs: 30_000, sleep }));
    expect({ same: res === busy, attempts: attempts.length, waits }).toEqual({ same: true, attempts: 1, waits: [] });
  });

  test("a Retry-After that is not a number of seconds (an HTTP date, garbage) is ignored: the jittered wait applies", async () => {
    const waitsSeen: number[][] = [];
    for (const value of ["Wed, 21 Oct 2026 07:28:00 GMT", "soon", "-5", "1.5"]) {
      const { send } = service([new Response(null, { status: 503, headers: { "Retry-After": value } }), 200]);
      const { sleep, waits } = recordingSleep();
      await sendWithRetry(new Request("http://api.test/r"), send, options({ sleep }));
      waitsSeen.push(waits);
    }
    expect(waitsSeen).toEqual([[50], [50], [50], [50]]);
  });
});
