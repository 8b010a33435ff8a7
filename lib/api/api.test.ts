/**
 * The grading API's machinery on a real database (SQLite, or PostgreSQL under npm run test:pg):
 * withApiKey's order of checks, the streamed body limit, Idempotency-Key replay, refusal and
 * takeover, and submission cursors. Route handlers here are small stand-ins for the real routes
 * (which e2e/api.spec.ts drives through a real server); everything they go through is ours and real.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";
import type { AuthenticatedKey } from "./keys.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-api-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "api");
// Small limits, read when lib/env.ts loads.
process.env.API_RATE_LIMIT_PER_MINUTE = "6";
process.env.API_MAX_BODY_BYTES = "2048";
const { getDatabaseUrl } = await import("../env.ts");
const { applyMigrations } = await import("../db/migrate.ts");
const { db } = await import("../db.ts");
const { AppError } = await import("../errors.ts");
const { createApiKey, revokeApiKey, findApiKey } = await import("./keys.ts");
const { withApiKey, methodsNotAllowed, jsonResponse } = await import("./with-api-key.ts");
const idempotency = await import("./idempotency.ts");
const { readJsonBody, isJsonContentType, parseInput } = await import("./read-body.ts");
const { listSubmissionsForKey, getSubmissionForKey } = await import("./submissions.ts");
const { z } = await import("zod");

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; message: string }[];
};

let owner = { id: "", email: "owner@example.com" };
let secret = "";

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
  const user = await db.user.create({ data: { email: owner.email, role: "instructor" } });
  owner = { id: user.id, email: user.email };
  secret = (await createApiKey({ userId: user.id, name: "tests" })).key;
});

after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh key of its own (its own rate-limit bucket) for a test. */
async function freshKey(role = "instructor"): Promise<{ secret: string; id: string; userId: string }> {
  const user = await db.user.create({
    data: { email: `u${Math.random().toString(36).slice(2)}@example.com`, role },
  });
  const created = await createApiKey({ userId: user.id, name: "fresh" });
  return { secret: created.key, id: created.id, userId: user.id };
}

function post(key: string | null, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/v1/things", {
    method: "POST",
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      "content-type": "application/json",
      ...headers,
    },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

const noParams = { params: Promise.resolve({}) };

describe("withApiKey", () => {
  let calls = 0;
  const echo = withApiKey(
    async ({ body, apiKey }) => {
      calls++;
      return jsonResponse({ got: body, owner: apiKey.owner.email, call: calls }, { status: 201 });
    },
    { body: true },
  );

  test("no key, a malformed header, an unknown key and a revoked key are 401 problem+json with WWW-Authenticate", async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, "missing_api_key"],
      [{ authorization: "Basic abc" }, "invalid_api_key"],
      [{ authorization: "Bearer ss_live_nope" }, "invalid_api_key"],
      [{ authorization: `Bearer ${"x".repeat(500)}` }, "invalid_api_key"],
    ];
    for (const [headers, code] of cases) {
      const response = await echo(
        new Request("http://localhost/x", {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: "{}",
        }),
        noParams,
      );
      assert.equal(response.status, 401);
      assert.equal(response.headers.get("content-type"), "application/problem+json");
      assert.match(response.headers.get("www-authenticate") ?? "", /^Bearer realm=/);
      assert.equal(((await response.json()) as Problem).code, code);
    }
    const key = await freshKey();
    const revoked = await revokeApiKey({ id: key.userId, role: "instructor", email: "x" }, key.id);
    assert.deepEqual(revoked, { ok: true });
    const response = await echo(post(key.secret, "{}"), noParams);
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as Problem).code, "revoked_api_key");
  });

  test("a good request reaches the handler with the parsed body and RateLimit headers", async () => {
    const key = await freshKey();
    const response = await echo(post(key.secret, JSON.stringify({ a: 1 })), noParams);
    assert.equal(response.status, 201);
    const body = (await response.json()) as { got: unknown; owner: string };
    assert.deepEqual(body.got, { a: 1 });
    assert.equal(response.headers.get("ratelimit-limit"), "6");
    assert.equal(response.headers.get("ratelimit-remaining"), "5");
    assert.equal(response.headers.get("ratelimit-policy"), "6;w=60");
    // The key's use is recorded (at most once a minute).
    assert.ok((await findApiKey(key.secret))?.lastUsedAt instanceof Date);
  });

  test("the token bucket: 6 requests pass, the 7th is 429 with Retry-After of one token's refill (10 s)", async () => {
    const key = await freshKey();
    for (let i = 0; i < 6; i++)
      assert.equal((await echo(post(key.secret, "{}"), noParams)).status, 201, `request ${i + 1}`);
    const refused = await echo(post(key.secret, "{}"), noParams);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("ratelimit-remaining"), "0");
    const retryAfter = Number(refused.headers.get("retry-after"));
    // 6 a minute: one token every 10 s (a little less when the clock moved on since the 6th take).
    assert.ok(retryAfter >= 9 && retryAfter <= 10, `Retry-After ${retryAfter}`);
    assert.equal(((await refused.json()) as Problem).code, "rate_limited");
  });

  test("consume() charges batch items to the same bucket and refuses past it", async () => {
    const key = await freshKey();
    const batch = withApiKey(async ({ consume }) => {
      await consume(0);
      await consume(4);
      return jsonResponse({ ok: true });
    });
    const first = await batch(post(key.secret, null), noParams);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("ratelimit-remaining"), "1");
    const second = await batch(post(key.secret, null), noParams);
    assert.equal(second.status, 429);
  });

  test("bodies: wrong type 415, invalid JSON 400, empty 400, bad UTF-8 400, declared too large 413", async () => {
    const key = await freshKey("admin");
    const expect = async (request: Request, status: number, code: string) => {
      const response = await echo(request, noParams);
      assert.equal(response.status, status, code);
      assert.equal(((await response.json()) as Problem).code, code);
    };
    await expect(post(key.secret, "{}", { "content-type": "text/plain" }), 415, "unsupported_media_type");
    await expect(post(key.secret, "{nope"), 400, "invalid_json");
    await expect(post(key.secret, ""), 400, "invalid_json");
    await expect(post(key.secret, new Uint8Array([0x22, 0xff, 0x22])), 400, "invalid_json");
    await expect(post(key.secret, "{}", { "content-length": "999999" }), 413, "payload_too_large");
  });

  test("a streamed body past the limit is refused without reading the rest of the stream", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`"${"a".repeat(510)}",`);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        // Endless: only a reader that stops at the limit ever returns.
        controller.enqueue(chunk);
      },
    });
    await assert.rejects(
      readJsonBody(post(secret, stream), 2048),
      (error: unknown) => error instanceof AppError && error.code === "payload_too_large",
    );
    // 2048 bytes is 5 chunks of 512; the stream's own read-ahead may add one more.
    assert.ok(pulled <= 7, `pulled ${pulled} chunks`);
  });

  test("a body exactly at the limit is read", async () => {
    const value = "a".repeat(2046);
    const read = await readJsonBody(post(secret, JSON.stringify(value)), 2048);
    assert.equal(read.value, value);
    assert.equal(read.raw.byteLength, 2048);
  });

  test("a handler's AppError becomes problem+json; anything else a 500 that says nothing inside", async () => {
    const key = await freshKey();
    const failing = withApiKey(async ({ url }) => {
      if (url.searchParams.has("app")) throw new AppError("not_found", "No such thing.");
      throw new Error("secret database detail");
    });
    const notFound = await failing(
      new Request("http://localhost/x?app", { headers: { authorization: `Bearer ${key.secret}` } }),
      noParams,
    );
    assert.equal(notFound.status, 404);
    const problem = (await notFound.json()) as Problem;
    assert.equal(problem.code, "not_found");
    assert.equal(problem.detail, "No such thing.");
    const broken = await failing(
      new Request("http://localhost/x", { headers: { authorization: `Bearer ${key.secret}` } }),
      noParams,
    );
    assert.equal(broken.status, 500);
    assert.doesNotMatch(await broken.text(), /secret database detail/);
  });

  test("methodsNotAllowed answers 405 with Allow, and OPTIONS 204 with Allow", async () => {
    const handlers = methodsNotAllowed(["GET", "POST"]);
    const refused = await handlers.DELETE();
    assert.equal(refused.status, 405);
    assert.match(refused.headers.get("allow") ?? "", /GET/);
    const options = await handlers.OPTIONS();
    assert.equal(options.status, 204);
    assert.equal(options.headers.get("allow"), refused.headers.get("allow"));
  });
});

describe("Idempotency-Key", () => {
  test("the same key and request replays the stored response; the handler runs once", async () => {
    const key = await freshKey();
    let runs = 0;
    const route = withApiKey(async () => jsonResponse({ run: ++runs }, { status: 201 }), { body: true });
    const first = await route(post(key.secret, '{"x":1}', { "idempotency-key": "k-1" }), noParams);
    const again = await route(post(key.secret, '{"x":1}', { "idempotency-key": "k-1" }), noParams);
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(await again.json(), { run: 1 });
    assert.equal(runs, 1);
    // The same key with another body is refused; another key runs.
    const reused = await route(post(key.secret, '{"x":2}', { "idempotency-key": "k-1" }), noParams);
    assert.equal(reused.status, 422);
    assert.equal(((await reused.json()) as Problem).code, "idempotency_key_reused");
    assert.equal(
      (await route(post(key.secret, '{"x":2}', { "idempotency-key": "k-2" }), noParams)).status,
      201,
    );
    assert.equal(runs, 2);
    // Keys are per API key: another key's "k-1" is its own.
    const other = await freshKey();
    assert.equal(
      (await route(post(other.secret, '{"x":1}', { "idempotency-key": "k-1" }), noParams)).status,
      201,
    );
    assert.equal(runs, 3);
  });

  test("a client error is replayed; a server error frees the key for a retry", async () => {
    const key = await freshKey();
    let runs = 0;
    const route = withApiKey(
      async ({ body }) => {
        runs++;
        if ((body as { fail?: string }).fail === "client") throw new AppError("validation_failed", "Nope.");
        if ((body as { fail?: string }).fail === "server" && runs < 3) throw new Error("boom");
        return jsonResponse({ runs });
      },
      { body: true },
    );
    const client = '{"fail":"client"}';
    assert.equal((await route(post(key.secret, client, { "idempotency-key": "c" }), noParams)).status, 422);
    const replayed = await route(post(key.secret, client, { "idempotency-key": "c" }), noParams);
    assert.equal(replayed.status, 422);
    assert.equal(replayed.headers.get("content-type"), "application/problem+json");
    assert.equal(runs, 1);
    const server = '{"fail":"server"}';
    assert.equal((await route(post(key.secret, server, { "idempotency-key": "s" }), noParams)).status, 500);
    assert.equal(await db.idempotencyRecord.count({ where: { key: "s" } }), 0);
    assert.equal((await route(post(key.secret, server, { "idempotency-key": "s" }), noParams)).status, 200);
    assert.equal(runs, 3);
  });

  test("invalid keys are 400", async () => {
    const key = await freshKey();
    const route = withApiKey(async () => jsonResponse({}), { body: true });
    for (const bad of ["", "a b", "x".repeat(201), "é"]) {
      const response = await route(post(key.secret, "{}", { "idempotency-key": bad }), noParams);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.equal(((await response.json()) as Problem).code, "invalid_idempotency_key");
    }
  });

  test("while the first request works, a retry is 409 with Retry-After up to the lease", async () => {
    const key = await freshKey();
    const hash = idempotency.hashRequest("POST", "/p", new TextEncoder().encode("{}"));
    const started = await idempotency.startIdempotent(key.id, "busy", hash);
    assert.equal(started.kind, "started");
    await assert.rejects(idempotency.startIdempotent(key.id, "busy", hash), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, "idempotency_in_progress");
      const wait = error.details?.retryAfterSeconds as number;
      assert.ok(wait >= 1 && wait <= idempotency.LEASE_MS / 1000, `retry after ${wait}`);
      return true;
    });
  });

  test("takeover: after the lease lapses a retry claims the record, and the stalled first request can no longer record", async () => {
    const key = await freshKey();
    const hash = idempotency.hashRequest("POST", "/p", new Uint8Array());
    const first = await idempotency.startIdempotent(key.id, "stall", hash);
    assert.equal(first.kind, "started");
    if (first.kind !== "started") return;
    // The first request's server stopped renewing: its lease is in the past.
    await db.idempotencyRecord.update({
      where: { id: first.handle.recordId },
      data: { leaseExpiresAt: new Date(Date.now() - 1) },
    });
    const retry = await idempotency.startIdempotent(key.id, "stall", hash);
    assert.equal(retry.kind, "started");
    if (retry.kind !== "started") return;
    assert.equal(retry.handle.recordId, first.handle.recordId);
    assert.notEqual(retry.handle.leaseToken, first.handle.leaseToken);
    // The stalled request wakes up and tries to record inside its transaction: refused, rolled back.
    await assert.rejects(
      db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: key.userId }, data: { name: "written by the stalled request" } });
        await idempotency.finishIdempotent(first.handle, 201, '{"who":"first"}', tx);
      }),
      (error: unknown) => error instanceof AppError && error.code === "idempotency_in_progress",
    );
    assert.equal((await db.user.findUniqueOrThrow({ where: { id: key.userId } })).name, null);
    // Nor can it abandon the retry's claim.
    await idempotency.abandonIdempotent(first.handle);
    await idempotency.finishIdempotent(retry.handle, 201, '{"who":"retry"}');
    const replay = await idempotency.startIdempotent(key.id, "stall", hash);
    assert.deepEqual(replay, { kind: "replay", status: 201, body: '{"who":"retry"}', submissionId: null });
  });

  test("records from before leases (no leaseExpiresAt) lapse LEASE_MS after they were created", async () => {
    const key = await freshKey();
    await db.idempotencyRecord.create({
      data: {
        apiKeyId: key.id,
        key: "old",
        requestHash: "h",
        state: "pending",
        leaseToken: "t",
        createdAt: new Date(Date.now() - idempotency.LEASE_MS - 1000),
      },
    });
    assert.equal((await idempotency.startIdempotent(key.id, "old", "h")).kind, "started");
  });

  test("keepLease pushes the lease forward while the request works, and stops when released", async () => {
    const key = await freshKey();
    const started = await idempotency.startIdempotent(key.id, "long", "h");
    if (started.kind !== "started") throw new Error("not started");
    const soon = new Date(Date.now() + 500);
    await db.idempotencyRecord.update({
      where: { id: started.handle.recordId },
      data: { leaseExpiresAt: soon },
    });
    const release = idempotency.keepLease(started.handle);
    try {
      // Renewed every LEASE_RENEW_MS (2 s); generous for a loaded machine.
      const deadline = Date.now() + 20_000;
      let expires = soon;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        expires =
          (await db.idempotencyRecord.findUniqueOrThrow({ where: { id: started.handle.recordId } }))
            .leaseExpiresAt ?? soon;
        if (expires.getTime() > soon.getTime()) break;
      }
      assert.ok(expires.getTime() > soon.getTime(), "the lease was renewed");
    } finally {
      release();
    }
  });

  test("batch items: a stored item result is found by a retry of the same batch, not by another request", async () => {
    const key = await freshKey();
    const started = await idempotency.startIdempotent(key.id, "batch", "h1");
    if (started.kind !== "started") throw new Error("not started");
    assert.equal(idempotency.itemKey(started.handle, 2), "batch #2");
    assert.equal(await idempotency.findItemResult(started.handle, 2), null);
    await db.$transaction((tx) => idempotency.storeItemResult(tx, started.handle, 2, '{"item":2}'));
    assert.equal(await idempotency.findItemResult(started.handle, 2), '{"item":2}');
    assert.equal(await idempotency.findItemResult({ ...started.handle, requestHash: "other" }, 2), null);
    // A taken-over batch cannot store items.
    await assert.rejects(
      db.$transaction((tx) =>
        idempotency.storeItemResult(tx, { ...started.handle, leaseToken: "stale" }, 3, "{}"),
      ),
    );
  });
});

describe("reading bodies", () => {
  test("JSON content types", () => {
    for (const yes of [
      "application/json",
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/problem+json",
    ])
      assert.ok(isJsonContentType(yes), yes);
    for (const no of [null, "", "text/json", "application/jsonx", "text/plain", "multipart/form-data"])
      assert.ok(!isJsonContentType(no), String(no));
  });

  test("parseInput names each failing field", () => {
    const schema = z.object({ code: z.string(), stage: z.number().int() });
    assert.deepEqual(parseInput(schema, { code: "x", stage: 1 }), { code: "x", stage: 1 });
    assert.throws(
      () => parseInput(schema, { stage: 1.5 }),
      (error: unknown) => {
        assert.ok(error instanceof AppError && error.code === "validation_failed");
        const paths = (error.details?.errors as { path: string }[]).map((e) => e.path).sort();
        assert.deepEqual(paths, ["code", "stage"]);
        return true;
      },
    );
  });
});

describe("submission cursors", () => {
  let learner = { id: "", email: "" };
  let instructorKey: AuthenticatedKey | null = null;
  let learnerKey: AuthenticatedKey | null = null;
  const ids: string[] = [];

  before(async () => {
    const staff = await freshKey("instructor");
    instructorKey = await findApiKey(staff.secret);
    const mine = await freshKey("learner");
    learnerKey = await findApiKey(mine.secret);
    learner = {
      id: mine.userId,
      email: (await db.user.findUniqueOrThrow({ where: { id: mine.userId } })).email,
    };
    const result = JSON.stringify({ version: 1, status: "pass", tests: [], durationMs: 1 });
    // 7 submissions, several sharing a timestamp: the cursor must break ties by id.
    const times = [1000, 2000, 2000, 2000, 3000, 3000, 4000];
    for (const [i, t] of times.entries()) {
      const row = await db.submission.create({
        data: {
          userId: learner.id,
          exerciseId: i % 2 ? "odd" : "even",
          mode: "submit",
          language: "ts",
          code: `// ${i}`,
          status: "pass",
          result,
          durationMs: 1,
          createdAt: new Date(t),
        },
      });
      ids.push(row.id);
    }
  });

  test("pages of 2 visit every submission once, newest first, ties by id", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listSubmissionsForKey(instructorKey!, { learner: learner.email, limit: 2, cursor });
      seen.push(...page.data.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    assert.equal(pages, 4);
    const rows = await db.submission.findMany({
      where: { userId: learner.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    assert.deepEqual(
      seen,
      rows.map((r) => r.id),
    );
    assert.equal(new Set(seen).size, 7);
  });

  test("a page that ends exactly at the last row has no next cursor; filters by exercise", async () => {
    const page = await listSubmissionsForKey(instructorKey!, { learner: learner.id, limit: 7 });
    assert.equal(page.data.length, 7);
    assert.equal(page.nextCursor, null);
    const odd = await listSubmissionsForKey(instructorKey!, {
      learner: learner.id,
      exercise: "odd",
      limit: 50,
    });
    assert.deepEqual(
      odd.data.map((s) => s.exerciseId),
      ["odd", "odd", "odd"],
    );
  });

  test("a cursor that this API did not write is a 422 naming the cursor", async () => {
    for (const bad of [
      "nope",
      Buffer.from('{"t":"yesterday","id":"x"}').toString("base64url"),
      Buffer.from('{"id":"x"}').toString("base64url"),
    ]) {
      await assert.rejects(
        listSubmissionsForKey(instructorKey!, { limit: 2, cursor: bad }),
        (error: unknown) => {
          assert.ok(error instanceof AppError && error.code === "validation_failed");
          assert.deepEqual(error.details?.errors, [{ path: "cursor", message: "Invalid cursor." }]);
          return true;
        },
      );
    }
  });

  test("who sees what: a learner key lists its owner's only; others' submissions are not found", async () => {
    const own = await listSubmissionsForKey(learnerKey!, { limit: 50 });
    assert.equal(own.data.length, 7);
    const stranger = await findApiKey((await freshKey("learner")).secret);
    assert.equal((await listSubmissionsForKey(stranger!, { limit: 50 })).data.length, 0);
    await assert.rejects(
      getSubmissionForKey(stranger!, ids[0]!),
      (error: unknown) => error instanceof AppError && error.code === "not_found",
    );
    await assert.rejects(
      listSubmissionsForKey(stranger!, { learner: learner.email, limit: 5 }),
      (error: unknown) => error instanceof AppError && error.code === "forbidden",
    );
    await assert.rejects(
      listSubmissionsForKey(instructorKey!, { learner: "nobody@example.com", limit: 5 }),
      (error: unknown) => error instanceof AppError && error.code === "unknown_learner",
    );
    const one = await getSubmissionForKey(instructorKey!, ids[3]!);
    assert.equal(one.code, "// 3");
    assert.equal(one.learner?.email, learner.email);
  });
});
