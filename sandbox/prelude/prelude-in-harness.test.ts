/**
 * The prelude inside the real grader boot (sandbox/run-code.ts): the harness freezes the
 * intrinsics after the prelude ran, so every global must still work under that lockdown.
 * Run: node --no-node-snapshot --import tsx --test sandbox/prelude/prelude-in-harness.test.ts
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { buildBootSource, IsolateFactory } from "../isolate-factory.ts";
import { runCode } from "../run-code.ts";
import { DEFAULT_LIMITS } from "../limits.ts";
import { createPreludeSeed, getPreludeSource, PRELUDE_SEED_GLOBAL } from "./index.ts";

const factory = new IsolateFactory(buildBootSource(getPreludeSource()), DEFAULT_LIMITS.memoryMb, {
  global: PRELUDE_SEED_GLOBAL,
  create: createPreludeSeed,
});
after(() => factory.dispose());

const SOLUTION = `
export async function handler(req: Request): Promise<Response> {
  const url = new URL(req.url);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  if (req.method === "POST") {
    const form = new URLSearchParams(await req.text());
    const salt = Uint8Array.fromHex("00112233445566778899aabbccddeeff");
    const key = crypto.scryptSync(form.get("password") ?? "", salt, 16, { N: 1024 });
    return Response.json({ key: key.toBase64({ alphabet: "base64url", omitPadding: true }) }, { status: 201 });
  }
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", "sid=" + crypto.randomUUID());
  return new Response(url.searchParams.get("name") ?? "anonymous", { headers });
}
`;

const TESTS = `
import { handler } from "./solution";
describe("globals under lockdown", () => {
  test("GET with a query, headers, cookies, virtual time", async () => {
    const res = await handler(new Request("http://localhost/hello?name=Ada"));
    expect(await res.text()).toBe("Ada");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.getSetCookie()[0]).toMatch(/^sid=[0-9a-f-]{36}$/);
    expect(new Date().toISOString()).toBe("2026-01-01T00:00:01.000Z");
  });
  test("POST a form, scrypt, JSON", async () => {
    const res = await handler(new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ password: "pw" }) }));
    expect(res.status).toBe(201);
    expect((await res.json()).key).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
  test("clock, hmac, structuredClone, TextEncoder", () => {
    let ticks = 0;
    setInterval(() => ticks++, 100);
    clock.advance(1_000);
    expect(ticks).toBe(10);
    expect(crypto.createHmac("sha256", "Jefe").update("what do ya want for nothing?").digest("hex").slice(0, 8)).toBe("5bdcc146");
    expect(structuredClone({ a: new Map([[1, 2]]) }).a.get(1)).toBe(2);
    expect(new TextDecoder().decode(new TextEncoder().encode("€"))).toBe("€");
    expect(btoa("hi")).toBe("aGk=");
  });
});
`;

test("the prelude's globals work inside the grader after the harness's lockdown", () => {
  const result = runCode(
    {
      language: "ts",
      files: [
        { name: "solution.ts", kind: "solution", source: SOLUTION, learner: true },
        { name: "globals.test.ts", kind: "test", source: TESTS, learner: false },
      ],
      limits: DEFAULT_LIMITS,
    },
    factory,
  );
  assert.equal(result.status, "pass", JSON.stringify(result, null, 1));
  assert.equal(result.tests.length, 3);
});
