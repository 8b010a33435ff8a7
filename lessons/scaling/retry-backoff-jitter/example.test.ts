import { sendWithRetry } from "./solution";

/** A fake service that answers each attempt with the next status of `statuses`, and records the attempts. */
function service(statuses: number[]) {
  const attempts: string[] = [];
  const send = async (request: Request) => {
    attempts.push(`${request.method} ${new URL(request.url).pathname}`);
    return new Response(null, { status: statuses[Math.min(attempts.length - 1, statuses.length - 1)] });
  };
  return { send, attempts };
}

/** A sleep that returns at once and records how long it was asked to wait. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("sendWithRetry", () => {
  test("GET answered 503, 503, then 200 → 3 attempts, the 200 is returned", async () => {
    const { send, attempts } = service([503, 503, 200]);
    const { sleep } = recordingSleep();
    const response = await sendWithRetry(new Request("http://api.test/items"), send, {
      maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, sleep,
    });
    expect(response.status).toBe(200);
    expect(attempts).toEqual(["GET /items", "GET /items", "GET /items"]);
  });

  test("random() = 0.5, base 100 ms: the waits before retries 1, 2 and 3 are 50, 100 and 200 ms (half of 100, 200, 400)", async () => {
    const { send } = service([503, 503, 503, 200]);
    const { sleep, waits } = recordingSleep();
    await sendWithRetry(new Request("http://api.test/items"), send, {
      maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, sleep,
    });
    expect(waits).toEqual([50, 100, 200]);
  });

  test("POST without an Idempotency-Key answered 503 → one attempt only, the 503 is returned", async () => {
    const { send, attempts } = service([503, 200]);
    const { sleep, waits } = recordingSleep();
    const request = new Request("http://api.test/orders", { method: "POST", body: '{"sku":"A1"}' });
    const response = await sendWithRetry(request, send, {
      maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, sleep,
    });
    expect(response.status).toBe(503);
    expect(attempts).toEqual(["POST /orders"]);
    expect(waits).toEqual([]);
  });

  test("GET answered 404 → returned at once: a client error is not retried", async () => {
    const { send, attempts } = service([404, 200]);
    const { sleep } = recordingSleep();
    const response = await sendWithRetry(new Request("http://api.test/items/7"), send, {
      maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, sleep,
    });
    expect(response.status).toBe(404);
    expect(attempts.length).toBe(1);
  });
});
