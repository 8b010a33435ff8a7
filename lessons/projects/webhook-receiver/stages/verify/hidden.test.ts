import { calls } from "serverside:test";
import { createHandler } from "./routes";
import { BASE, hmacHex, send, type Handle } from "./sender";
import { sign } from "./signature";
import { createStore } from "./store";

const NOW = Date.UTC(2026, 4, 1, 12, 0, 0) + crypto.randomInt(1_000_000) * 1000;
const NOW_S = Math.floor(NOW / 1000);

function setUp(): { handle: Handle; store: ReturnType<typeof createStore>; secret: string } {
  const secret = `whsec_${crypto.randomBytes(12).toHex()}`;
  const store = createStore();
  return { handle: createHandler({ secret, store, now: () => NOW }), store, secret };
}

function event(n = 1): { id: string; type: string; created: number; data: Record<string, unknown> } {
  return { id: `evt_${crypto.randomBytes(6).toHex()}_${n}`, type: "order.created", created: NOW_S - 5, data: { orderId: `ord_${n}` } };
}

describe("stage 1: verify", () => {
  test("the signature covers the exact bytes sent, not the JSON re-serialized", { description: "Bodies with spaces, new lines, unusual key order and \\u escapes, each signed as sent." }, async () => {
    const { handle, store, secret } = setUp();
    const e = event();
    const bodies = [
      `{ "id": "${e.id}a",  "type": "order.created", "created": ${e.created}, "data": { "orderId": "ord_1" } }`,
      `{"data":{"orderId":"ord_2"},"created":${e.created},"type":"order.created","id":"${e.id}b"}\n`,
      `{"id":"${e.id}c","type":"order.created","created":${e.created},"data":{"orderId":"caf\\u00e9","amount":1.50}}`,
    ];
    const statuses: number[] = [];
    for (const body of bodies) statuses.push((await send(handle, body, { secret, now: NOW })).status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(store.events().map((x) => x.id)).toEqual([`${e.id}a`, `${e.id}b`, `${e.id}c`]);
  });

  test("a body whose bytes are not valid UTF-8 is still verified over its bytes", async () => {
    const { handle, secret } = setUp();
    const e = event();
    const head = new TextEncoder().encode(`{"id":"${e.id}","type":"note","created":${e.created},"data":{"text":"`);
    const tail = new TextEncoder().encode(`"}}`);
    const body = new Uint8Array([...head, 0xff, 0xfe, ...tail]);
    expect((await send(handle, body, { secret, now: NOW })).status).toBe(200);
  });

  test("a changed body, a wrong secret or a signature for another timestamp → 401, nothing stored", { description: "Each request carries a well-formed v1 signature that is not the right one." }, async () => {
    const { handle, store, secret } = setUp();
    const e = event();
    const raw = JSON.stringify(e);
    const tampered = raw.replace("ord_1", "ord_9");
    const statuses = [
      (await send(handle, tampered, { secret, now: NOW, signature: `v1=${hmacHex(secret, String(NOW_S), raw)}` })).status,
      (await send(handle, raw, { secret: `${secret}x`, now: NOW })).status,
      (await send(handle, raw, { secret, now: NOW, signature: `v1=${hmacHex(secret, String(NOW_S - 1), raw)}` })).status,
      (await send(handle, raw, { secret, now: NOW, signature: `v1=${hmacHex(secret, "", raw)}` })).status,
      (await send(handle, raw, { secret, now: NOW, signature: `v1=${crypto.createHmac("sha256", secret).update(raw).digest("hex")}` })).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(store.events()).toEqual([]);
  });

  test("a captured request replayed later with a fresh timestamp → 401", { description: "The signature of an old request, sent again with the current time in Webhook-Timestamp." }, async () => {
    const { handle, store, secret } = setUp();
    const raw = JSON.stringify(event());
    const old = String(NOW_S - 3600);
    const res = await send(handle, raw, { secret, now: NOW, signature: `v1=${hmacHex(secret, old, raw)}` });
    expect(res.status).toBe(401);
    expect(store.events()).toEqual([]);
  });

  test("timestamps more than 5 minutes from now, either way → 401, even correctly signed", { description: "Signed requests a little inside and a little outside the tolerance, in the past and the future." }, async () => {
    const { handle, secret } = setUp();
    const statuses: number[] = [];
    for (const offset of [-310, 310, -3600, 86_400, -290, 290, 0]) {
      statuses.push((await send(handle, event(), { secret, timestamp: NOW_S + offset })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 200, 200, 200]);
  });

  test("the signatures are compared with crypto.timingSafeEqual", { description: "A wrong signature of the right length; the test looks for the expected signature among timingSafeEqual's arguments." }, async () => {
    const { handle, secret } = setUp();
    const raw = JSON.stringify(event());
    const expected = hmacHex(secret, String(NOW_S), raw);
    calls.reset();
    const res = await send(handle, raw, { secret, now: NOW, signature: `v1=${"0".repeat(64)}` });
    expect(res.status).toBe(401);
    const text = new TextEncoder().encode(expected).toHex();
    const compared = calls.args("crypto.timingSafeEqual").some((args) => args.some((a) => a instanceof Uint8Array && (a.toHex() === expected || a.toHex() === text)));
    expect(compared).toBe(true);
  });

  test("signatures that are short, long, not hex or empty → 401, never a crash", async () => {
    const { handle, secret } = setUp();
    const raw = JSON.stringify(event());
    const good = hmacHex(secret, String(NOW_S), raw);
    const statuses: number[] = [];
    for (const signature of [`v1=${good.slice(0, 10)}`, `v1=${good}00`, `v1=${"z".repeat(64)}`, "v1=", `v1=${good.toUpperCase().replace(/[0-9]/g, "G")}`]) {
      statuses.push((await send(handle, raw, { secret, now: NOW, signature })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
  });

  test("several v1 signatures (a secret being rotated): one match is enough; other schemes are ignored", async () => {
    const { handle, store, secret } = setUp();
    const raw = JSON.stringify(event());
    const good = hmacHex(secret, String(NOW_S), raw);
    const old = hmacHex("whsec_old_secret", String(NOW_S), raw);
    expect((await send(handle, raw, { secret, now: NOW, signature: `v1=${old}, v1=${good}` })).status).toBe(200);
    expect((await send(handle, raw, { secret, now: NOW, signature: `v0=${good},v1=${old}` })).status).toBe(401);
    expect(store.events()).toHaveLength(1);
  });

  test("missing or malformed headers → 400", { description: "No timestamp, no signature, a timestamp that is not whole seconds, a header with no v1 entry." }, async () => {
    const { handle, secret } = setUp();
    const raw = JSON.stringify(event());
    const good = hmacHex(secret, String(NOW_S), raw);
    const statuses = [
      (await send(handle, raw, { secret, now: NOW, omit: ["Webhook-Timestamp"] })).status,
      (await send(handle, raw, { secret, now: NOW, omit: ["Webhook-Signature"] })).status,
      (await send(handle, raw, { secret, timestamp: `${NOW_S}.5` })).status,
      (await send(handle, raw, { secret, timestamp: "yesterday" })).status,
      (await send(handle, raw, { secret, now: NOW, signature: good })).status,
      (await send(handle, raw, { secret, now: NOW, signature: `v0=${good}` })).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
  });

  test("the signature is checked before the body is parsed", { description: "Broken JSON with a wrong signature is 401; with a right one, 400; a signed event missing fields, 422." }, async () => {
    const { handle, store, secret } = setUp();
    const bad = (body: string): Promise<Response> => send(handle, body, { secret, now: NOW, signature: `v1=${"ab".repeat(32)}` });
    const good = (body: string): Promise<Response> => send(handle, body, { secret, now: NOW });
    const e = event();
    const statuses = [
      (await bad("{not json")).status,
      (await good("{not json")).status,
      (await good("[1,2]")).status,
      (await good(JSON.stringify({ ...e, id: "" }))).status,
      (await good(JSON.stringify({ ...e, created: "yesterday" }))).status,
      (await good(JSON.stringify({ ...e, data: "x" }))).status,
      (await good(JSON.stringify({ id: e.id, created: e.created, data: {} }))).status,
    ];
    expect(statuses).toEqual([401, 400, 400, 422, 422, 422, 422]);
    expect(store.events()).toEqual([]);
  });

  test("sign() is the hex HMAC-SHA256 of the timestamp, a dot and the body bytes", async () => {
    const secret = `whsec_${crypto.randomBytes(8).toHex()}`;
    const body = new TextEncoder().encode(JSON.stringify(event()));
    expect(sign(secret, "1700000000", body)).toBe(hmacHex(secret, "1700000000", body));
  });

  test("other methods on /webhooks → 405 with Allow: POST; other paths → 404", async () => {
    const { handle } = setUp();
    const get = await handle(new Request(`${BASE}/webhooks`));
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await handle(new Request(`${BASE}/webhook`, { method: "POST", body: "{}" }))).status).toBe(404);
  });
});
