import { network } from "serverside:test";
import { fetchJson, HttpError } from "./solution";

const URL_ = "https://api.test/orders/41";

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    return `value ${JSON.stringify(await p)}`;
  } catch (error) {
    if (error instanceof HttpError) return `HttpError ${error.status} ${error.body}`;
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}
const times = () => network.requests().map((r) => r.at);

describe("answers", () => {
  test("a 2xx JSON body is parsed and returned", async () => {
    network.on(URL_, { status: 200, json: { id: 41, items: [1, 2] } });
    expect(await outcome(fetchJson(URL_))).toBe('value {"id":41,"items":[1,2]}');
  });

  test("a 204 (no body) returns null instead of failing to parse", async () => {
    network.on(`DELETE ${URL_}`, { status: 204 });
    expect(await outcome(fetchJson(URL_, { method: "DELETE" }))).toBe("value null");
  });

  test("a final error answer is an HttpError carrying the status and the body text", async () => {
    network.on(URL_, { status: 422, body: '{"title":"quantity must be positive"}' });
    expect(await outcome(fetchJson(URL_))).toBe('HttpError 422 {"title":"quantity must be positive"}');
  });

  test("requests ask for JSON; a body is sent as JSON with its content type", async () => {
    network.on(`PUT ${URL_}`, { status: 200, json: {} });
    await fetchJson(URL_, { method: "PUT", body: { quantity: 3 } });
    const [sent] = network.requests();
    expect(sent.method).toBe("PUT");
    expect(sent.headers["accept"]).toBe("application/json");
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(sent.body)).toEqual({ quantity: 3 });
  });
});

describe("which failures are retried", () => {
  test("each of 408, 429, 500, 502, 503 and 504 is retried", async () => {
    for (const status of [408, 429, 500, 502, 503, 504]) {
      network.reset();
      network.on(URL_, [{ status }, { status: 200, json: status }]);
      expect(await outcome(fetchJson(URL_))).toBe(`value ${status}`);
      expect(network.count()).toBe(2);
    }
  });

  test("other 4xx answers and 501 are final: the same request would fail the same way", async () => {
    for (const status of [400, 401, 403, 404, 409, 501]) {
      network.reset();
      network.on(URL_, [{ status, body: "no" }, { status: 200, json: "retried" }]);
      expect(await outcome(fetchJson(URL_))).toBe(`HttpError ${status} no`);
      expect(network.count()).toBe(1);
    }
  });

  test("a network failure is retried, and the last one is thrown when attempts run out", async () => {
    network.on(URL_, { error: "ECONNRESET" });
    expect(await outcome(fetchJson(URL_))).toBe("TypeError: fetch failed");
    expect(network.count()).toBe(3);
  });

  test("retries: 2 means at most 3 attempts; the last answer's HttpError is thrown", async () => {
    network.on(URL_, [{ status: 500, body: "one" }, { status: 502, body: "two" }, { status: 503, body: "three" }, { status: 200, json: "too late" }]);
    expect(await outcome(fetchJson(URL_))).toBe("HttpError 503 three");
    expect(network.count()).toBe(3);
  });

  test("retries is honoured: 0 means one attempt, 4 means five", async () => {
    network.on(URL_, { status: 503 });
    await outcome(fetchJson(URL_, { retries: 0 }));
    expect(network.count()).toBe(1);
    network.reset();
    network.on(URL_, { status: 503 });
    await outcome(fetchJson(URL_, { retries: 4 }));
    expect(network.count()).toBe(5);
  });

  test("PUT and DELETE are idempotent: retried without a key, in any letter case", async () => {
    for (const method of ["PUT", "DELETE", "put", "Delete"]) {
      network.reset();
      network.on(`${method.toUpperCase()} ${URL_}`, [{ status: 503 }, { status: 200, json: method }]);
      expect(await outcome(fetchJson(URL_, { method, body: method.toUpperCase() === "PUT" ? { a: 1 } : undefined }))).toBe(`value "${method}"`);
      expect(network.count()).toBe(2);
    }
  });

  test("a POST without an idempotency key is never retried, whatever went wrong", async () => {
    network.on(`POST ${URL_}`, [{ status: 503 }, { status: 201, json: "duplicate order" }]);
    expect(await outcome(fetchJson(URL_, { method: "POST", body: { sku: "A" } }))).toBe("HttpError 503 ");
    expect(network.count()).toBe(1);
    network.reset();
    network.on(`POST ${URL_}`, [{ error: "ECONNRESET" }, { status: 201, json: "duplicate order" }]);
    expect(await outcome(fetchJson(URL_, { method: "post", body: { sku: "A" } }))).toBe("TypeError: fetch failed");
    expect(network.count()).toBe(1);
    network.reset();
    network.on(`PATCH ${URL_}`, [{ status: 500 }, { status: 200, json: "applied twice" }]);
    expect(await outcome(fetchJson(URL_, { method: "PATCH", body: { n: 1 } }))).toBe("HttpError 500 ");
    expect(network.count()).toBe(1);
  });

  test("a POST with an idempotency key is retried, sending the same key every time", async () => {
    network.on(`POST ${URL_}`, [{ error: "ECONNRESET" }, { status: 503 }, { status: 201, json: { id: 9 } }]);
    expect(await outcome(fetchJson(URL_, { method: "POST", body: { sku: "A" }, idempotencyKey: "order-5f2" }))).toBe('value {"id":9}');
    const sent = network.requests();
    expect(sent.length).toBe(3);
    expect(sent.map((s) => s.headers["idempotency-key"])).toEqual(["order-5f2", "order-5f2", "order-5f2"]);
    expect(sent.map((s) => JSON.parse(s.body))).toEqual([{ sku: "A" }, { sku: "A" }, { sku: "A" }]);
  });

  test("a successful answer with a body that is not JSON is an error, not a reason to retry", async () => {
    network.on(URL_, [{ status: 200, body: "<html>oops</html>" }, { status: 200, json: "second" }]);
    expect((await outcome(fetchJson(URL_))).startsWith("SyntaxError")).toBe(true);
    expect(network.count()).toBe(1);
  });
});

describe("when retries happen", () => {
  test("waits double each time: 200 ms, then 400 ms, then 800 ms", async () => {
    network.on(URL_, [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, json: 1 }]);
    expect(await outcome(fetchJson(URL_, { retries: 3 }))).toBe("value 1");
    expect(times()).toEqual([0, 200, 600, 1400]);
  });

  test("the wait starts when the failed answer arrives, not when the request was sent", async () => {
    network.on(URL_, [{ status: 503, delay: 150 }, { status: 200, json: 1 }]);
    await fetchJson(URL_);
    expect(times()).toEqual([0, 350]);
  });

  test("Retry-After in seconds replaces the backoff", async () => {
    network.on(URL_, [{ status: 429, headers: { "retry-after": "3" } }, { status: 503, headers: { "retry-after": "1" } }, { status: 200, json: 1 }]);
    expect(await outcome(fetchJson(URL_))).toBe("value 1");
    expect(times()).toEqual([0, 3000, 4000]);
  });

  test("Retry-After as an HTTP date waits until that moment", async () => {
    const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
    network.on(URL_, [{ status: 503, headers: { "retry-after": inFiveSeconds } }, { status: 200, json: 1 }]);
    expect(await outcome(fetchJson(URL_))).toBe("value 1");
    expect(times()).toEqual([0, 5000]);
  });

  test("a Retry-After longer than maxWaitMs gives up at once with that answer", async () => {
    network.on(URL_, [{ status: 503, headers: { "retry-after": "120" }, body: "maintenance" }, { status: 200, json: 1 }]);
    const started = performance.now();
    expect(await outcome(fetchJson(URL_))).toBe("HttpError 503 maintenance");
    expect(network.count()).toBe(1);
    expect(performance.now() - started).toBe(0);
    network.reset();
    network.on(URL_, [{ status: 503, headers: { "retry-after": "20" } }, { status: 200, json: 2 }]);
    expect(await outcome(fetchJson(URL_, { maxWaitMs: 30_000 }))).toBe("value 2");
    expect(times()).toEqual([0, 20_000]);
  });

  test("an invalid Retry-After is ignored: the usual backoff applies", async () => {
    network.on(URL_, [{ status: 503, headers: { "retry-after": "soon" } }, { status: 503, headers: { "retry-after": "3s" } }, { status: 200, json: 1 }]);
    expect(await outcome(fetchJson(URL_))).toBe("value 1");
    expect(times()).toEqual([0, 200, 600]);
  });
});

describe("deadlines", () => {
  test("an attempt that gets no answer is abandoned after timeoutMs (default 2000) and retried", async () => {
    network.on(URL_, [{ hang: true }, { hang: true }, { status: 200, json: "third" }]);
    expect(await outcome(fetchJson(URL_))).toBe('value "third"');
    expect(times()).toEqual([0, 2200, 4600]);
  });

  test("the deadline is per attempt: slow but in time is fine", async () => {
    network.on(URL_, { status: 200, json: "slow", delay: 1900 });
    expect(await outcome(fetchJson(URL_))).toBe('value "slow"');
    expect(network.count()).toBe(1);
  });

  test("timeoutMs is honoured, and the last timeout is thrown when attempts run out", async () => {
    network.on(URL_, { status: 200, json: "late", delay: 300 });
    const started = performance.now();
    const result = await outcome(fetchJson(URL_, { timeoutMs: 250, retries: 1 }));
    expect(result).toBe("TimeoutError: The operation timed out.");
    expect(times()).toEqual([0, 450]);
    expect(performance.now() - started).toBe(700);
  });
});
