/**
 * The scripted fetch (prelude runtime/network.ts) and AbortController/AbortSignal, end to end
 * through the real grader: tests script what each URL answers with `network` from
 * "serverside:test"; learner code calls fetch() and cannot see, change or bypass the script.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createGrader, gradeResultSchema } from "./index.ts";
import type { Grader } from "./index.ts";
import { brief, codeJob, visible } from "./testing/helpers.ts";
import type { GradeResult } from "./types.ts";

let grader: Grader;
before(() => {
  grader = createGrader({ workers: 2 });
});
after(async () => {
  await grader.close();
});

async function run(code: string, tests: string): Promise<GradeResult> {
  const result = await grader.grade(
    codeJob(code, [visible(tests)], { timeoutMs: 20_000, testTimeoutMs: 10_000 }),
  );
  assert.ok(gradeResultSchema.safeParse(result).success, `result matches the contract: ${brief(result)}`);
  return result;
}
const statusOf = (r: GradeResult, name: string) => r.tests.find((t) => t.name === name)?.status;

const RETRY = `export async function getWithRetry(url: string, attempts = 4): Promise<unknown> {
  let wait = 100;
  for (let i = 1; ; i++) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return await res.json();
      if (i >= attempts) throw new Error("gave up after " + i + " attempts: " + res.status);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("gave up")) throw e;
      if (i >= attempts) throw e;
    }
    await new Promise((r) => setTimeout(r, wait));
    wait *= 2;
  }
}
`;

describe("scripted fetch", { concurrency: 2 }, () => {
  test("replies in order with delays on the virtual clock; tests see every request and when it was made", async () => {
    const r = await run(
      RETRY,
      `import { network } from "serverside:test";
import { getWithRetry } from "./solution";
test("retries 503 with doubling waits", async () => {
  network.on("GET https://api.test/users/1", [{ status: 503 }, { error: "connection reset" }, { status: 200, json: { id: 1 }, delay: 50 }]);
  expect(await getWithRetry("https://api.test/users/1")).toEqual({ id: 1 });
  const sent = network.requests();
  expect(sent.map((s) => s.at)).toEqual([0, 100, 300]);
  expect(sent.every((s) => s.method === "GET" && s.url === "https://api.test/users/1")).toBe(true);
  expect(network.count()).toBe(3);
});
test("gives up after the last attempt, and the last reply repeats", async () => {
  network.on("https://api.test/*", [{ status: 502 }]);
  await expect(getWithRetry("https://api.test/x", 3)).rejects.toThrow("gave up after 3 attempts: 502");
  expect(network.count()).toBe(3);
});
test("the script and the record start empty in every test", async () => {
  expect(network.count()).toBe(0);
  await expect(fetch("https://api.test/users/1")).rejects.toThrow(/nothing answers GET https:\\/\\/api.test\\/users\\/1/);
});`,
    );
    assert.equal(r.status, "pass", brief(r));
  });

  test("network errors, bodies, headers and a function of the request", async () => {
    const r = await run(
      `export async function post(url: string, data: unknown): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": "k1" }, body: JSON.stringify(data) });
}`,
      `import { network } from "serverside:test";
import { post } from "./solution";
test("a function sees the request", async () => {
  network.on("POST https://api.test/orders", async (req) => ({ status: 201, json: { got: await req.json(), key: req.headers.get("idempotency-key") }, headers: { location: "/orders/7" } }));
  const res = await post("https://api.test/orders", { n: 2 });
  expect(res.status).toBe(201);
  expect(res.headers.get("location")).toBe("/orders/7");
  expect(res.headers.get("content-type")).toBe("application/json");
  expect(await res.json()).toEqual({ got: { n: 2 }, key: "k1" });
  const [sent] = network.requests();
  expect(sent.body).toBe('{"n":2}');
  expect(sent.headers["idempotency-key"]).toBe("k1");
});
test("an error reply rejects like a network failure", async () => {
  network.on("https://api.test/orders", { error: "ECONNREFUSED" });
  let caught: unknown;
  try { await post("https://api.test/orders", {}); } catch (e) { caught = e; }
  expect(caught).toBeInstanceOf(TypeError);
  expect((caught as Error).message).toBe("fetch failed");
  expect(String(((caught as Error).cause as Error).message)).toBe("ECONNREFUSED");
});
test("a method in the pattern must match", async () => {
  network.on("GET https://api.test/orders", { status: 200 });
  await expect(post("https://api.test/orders", {})).rejects.toThrow(/nothing answers POST/);
});`,
    );
    assert.equal(r.status, "pass", brief(r));
  });

  test("AbortSignal.timeout and AbortController end a slow or hanging request on the virtual clock", async () => {
    const r = await run(
      `export async function getWithin(url: string, ms: number): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(ms) });
  return res.text();
}`,
      `import { network } from "serverside:test";
import { getWithin } from "./solution";
test("a hang ends with a TimeoutError at the deadline", async () => {
  network.on("https://slow.test/", { hang: true });
  const started = performance.now();
  let caught: unknown;
  try { await getWithin("https://slow.test/", 250); } catch (e) { caught = e; }
  expect((caught as DOMException).name).toBe("TimeoutError");
  expect(performance.now() - started).toBe(250);
});
test("a reply slower than the deadline times out; a quicker one arrives", async () => {
  network.on("https://slow.test/a", { delay: 300, body: "late" });
  network.on("https://slow.test/b", { delay: 200, body: "on time" });
  await expect(getWithin("https://slow.test/a", 250)).rejects.toThrow("The operation timed out.");
  expect(await getWithin("https://slow.test/b", 250)).toBe("on time");
});
test("AbortController, AbortSignal.abort and AbortSignal.any", async () => {
  network.on("https://slow.test/", { hang: true });
  const c = new AbortController();
  const pending = fetch("https://slow.test/", { signal: c.signal });
  c.abort();
  await expect(pending).rejects.toThrow("This operation was aborted");
  expect(c.signal.aborted).toBe(true);
  await expect(fetch("https://slow.test/", { signal: AbortSignal.abort(new Error("stop")) })).rejects.toThrow("stop");
  const both = AbortSignal.any([new AbortController().signal, AbortSignal.timeout(40)]);
  const events: string[] = [];
  both.addEventListener("abort", () => events.push("abort"));
  await expect(fetch("https://slow.test/", { signal: both })).rejects.toThrow("timed out");
  expect(events).toEqual(["abort"]);
  expect(() => both.throwIfAborted()).toThrow("timed out");
});`,
    );
    assert.equal(r.status, "pass", brief(r));
  });

  test("learner code cannot reach the script, replace fetch or forge what tests read", async () => {
    const r = await run(
      `let replaced = "no";
try { (globalThis as any).fetch = async () => new Response("forged"); replaced = "assigned"; } catch { replaced = "refused"; }
let redefined = "no";
try { Object.defineProperty(globalThis, "fetch", { value: async () => new Response("forged") }); redefined = "yes"; } catch { redefined = "refused"; }
let imported = "no";
export async function probe(): Promise<string[]> {
  try { await import("serverside:test"); imported = "yes"; } catch { imported = "refused"; }
  const own = Object.getOwnPropertyNames(fetch).join(",");
  return [replaced, redefined, imported, own, String(fetch)];
}
export async function get(url: string): Promise<string> { return (await fetch(url)).text(); }`,
      `import { network } from "serverside:test";
import { probe, get } from "./solution";
test("probe", async () => {
  const [replaced, redefined, imported, own, text] = await probe();
  expect(replaced).toBe("refused");
  expect(redefined).toBe("refused");
  expect(imported).toBe("refused");
  expect(own).toBe("length,name");
  expect(text).not.toContain("rules");
  network.on("https://api.test/", { body: "real" });
  expect(await get("https://api.test/")).toBe("real");
  expect(network.count()).toBe(1);
});`,
    );
    assert.equal(r.status, "pass", brief(r));
  });

  test("a flood of requests is counted but the record stays bounded; an unscripted fetch is the learner's runtime error", async () => {
    const flood = await run(
      `export async function flood(n: number): Promise<number> {
  let failed = 0;
  for (let i = 0; i < n; i++) await fetch("https://api.test/" + i).catch(() => failed++);
  return failed;
}`,
      `import { network } from "serverside:test";
import { flood } from "./solution";
test("flood", async () => {
  network.on("https://api.test/*", { status: 204 });
  expect(await flood(5000)).toBe(0);
  expect(network.count()).toBe(5000);
  expect(network.requests().length).toBe(1000);
});`,
    );
    assert.equal(flood.status, "pass", brief(flood));
    const unscripted = await run(
      `export async function get(): Promise<number> { return (await fetch("https://example.com/")).status; }`,
      `import { get } from "./solution";\ntest("calls out", async () => { expect(await get()).toBe(200); });`,
    );
    assert.equal(unscripted.status, "fail", brief(unscripted));
    assert.equal(statusOf(unscripted, "calls out"), "error", brief(unscripted));
    assert.match(
      unscripted.tests[0]?.message ?? "",
      /fetch failed: nothing answers GET https:\/\/example\.com\//,
    );
  });
});
