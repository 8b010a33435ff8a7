import { createPayments } from "./payments";
import { idempotent, type KeyStore } from "./solution";

const DAY = 86_400_000;
type App = (req: Request) => Promise<Response>;

function setup(store: KeyStore = new Map()) {
  const payments = createPayments();
  const app = idempotent(payments.handler, { store, ttlMs: DAY, now: () => clock.now() });
  return { payments, app };
}

function post(app: App, key: string | null, body: unknown, opts: { client?: string | null; path?: string } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const client = opts.client === undefined ? "Bearer tok-alice" : opts.client;
  if (client !== null) headers.Authorization = client;
  if (key !== null) headers["Idempotency-Key"] = key;
  return app(new Request("http://api.test" + (opts.path ?? "/payments"), { method: "POST", headers, body: JSON.stringify(body) }));
}

async function summary(res: Response) {
  return { status: res.status, body: await res.text(), location: res.headers.get("location"), type: res.headers.get("content-type") };
}

describe("replays", () => {
  test("a replay has the original status, body and headers, and only replays are marked", { description: "A payment answered with a status other than 201 is retried twice." }, async () => {
    const { payments, app } = setup();
    const first = await post(app, "order-77", { amount: 450, hold: true });
    const markedFirst = first.headers.get("idempotent-replayed");
    const original = await summary(first);
    const again = await post(app, "order-77", { amount: 450, hold: true });
    const third = await post(app, "order-77", { amount: 450, hold: true });
    expect({
      markedFirst,
      original: { status: original.status, hasBody: original.body.length > 0 },
      again: await summary(again),
      third: await summary(third),
      marked: [again.headers.get("idempotent-replayed"), third.headers.get("idempotent-replayed")],
      charges: payments.charges(),
    }).toEqual({ markedFirst: null, original: { status: 202, hasBody: true }, again: original, third: original, marked: ["true", "true"], charges: 1 });
  });

  test("a client error the endpoint answered is an answer too: it is replayed, not run again", { description: "A declined card, retried with the same key." }, async () => {
    const { payments, app } = setup();
    const first = await post(app, "big-one", { amount: 250_000 });
    const again = await post(app, "big-one", { amount: 250_000 });
    expect({ first: first.status, again: again.status, calls: payments.calls() }).toEqual({ first: 402, again: 402, calls: 1 });
  });

  test("a retry that reaches another server instance sharing the store is replayed", { description: "Two instances of the endpoint built on one store." }, async () => {
    const store = new Map();
    const a = setup(store);
    const b = setup(store);
    const first = await post(a.app, "k-shared", { amount: 300 });
    const retry = await post(b.app, "k-shared", { amount: 300 });
    expect({ status: retry.status, body: await retry.text(), charges: a.payments.charges() + b.payments.charges() }).toEqual({
      status: first.status,
      body: await first.text(),
      charges: 1,
    });
  });
});

describe("failures are retried, not replayed", () => {
  test("a 5xx answer is not stored: the retry runs the payment, and later retries replay that success", { description: "The endpoint fails once with a server error, then works." }, async () => {
    const { payments, app } = setup();
    payments.failNext(503);
    const first = await post(app, "k-retry", { amount: 800 });
    const second = await post(app, "k-retry", { amount: 800 });
    const third = await post(app, "k-retry", { amount: 800 });
    expect({ statuses: [first.status, second.status, third.status], calls: payments.calls(), charges: payments.charges() }).toEqual({
      statuses: [503, 201, 201],
      calls: 2,
      charges: 1,
    });
  });

  test("when the endpoint throws, the key is released and the error propagates", { description: "The endpoint throws once, then works." }, async () => {
    const { payments, app } = setup();
    payments.failNext("throw");
    const first = await post(app, "k-throw", { amount: 800 }).then(() => "resolved", () => "rejected");
    const second = await post(app, "k-throw", { amount: 800 });
    expect({ first, second: second.status, charges: payments.charges() }).toEqual({ first: "rejected", second: 201, charges: 1 });
  });
});

describe("concurrency", () => {
  test("a duplicate that arrives while the first is still running → 409, and the card is charged once", { description: "Two identical requests at the same moment against a slow endpoint." }, async () => {
    const { payments, app } = setup();
    payments.setDelay(200);
    const [a, b] = await Promise.all([post(app, "k-dup", { amount: 500 }), post(app, "k-dup", { amount: 500 })]);
    expect({ statuses: [a.status, b.status].sort(), charges: payments.charges() }).toEqual({ statuses: [201, 409], charges: 1 });
  });

  test("after the first finishes, the duplicate's retry gets the replay", { description: "The 409'd client retries once the first request completed." }, async () => {
    const { payments, app } = setup();
    payments.setDelay(200);
    const first = post(app, "k-dup", { amount: 500 });
    clock.advance(50);
    const early = await post(app, "k-dup", { amount: 500 });
    const done = await first;
    const late = await post(app, "k-dup", { amount: 500 });
    expect({ early: early.status, done: done.status, late: late.status, charges: payments.charges() }).toEqual({ early: 409, done: 201, late: 201, charges: 1 });
  });
});

describe("what a key identifies", () => {
  test("keys are scoped per client: two clients choosing the same key both get their own payment", { description: "Two signed-in clients send the same key with different payments." }, async () => {
    const { payments, app } = setup();
    const alice = await post(app, "2026-01-01-1", { amount: 100 }, { client: "Bearer tok-alice" });
    const bob = await post(app, "2026-01-01-1", { amount: 999 }, { client: "Bearer tok-bob" });
    const bobAgain = await post(app, "2026-01-01-1", { amount: 999 }, { client: "Bearer tok-bob" });
    expect({
      statuses: [alice.status, bob.status, bobAgain.status],
      bobGotHisOwn: ((await bobAgain.json()) as { amount: number }).amount,
      charges: payments.charges(),
    }).toEqual({ statuses: [201, 201, 201], bobGotHisOwn: 999, charges: 2 });
  });

  test("two different keys with identical bodies are two payments", { description: "A customer really does buy the same thing twice." }, async () => {
    const { payments, app } = setup();
    const one = await post(app, "cart-1", { amount: 350 });
    const two = await post(app, "cart-2", { amount: 350 });
    expect({ statuses: [one.status, two.status], different: (await one.text()) !== (await two.text()), charges: payments.charges() }).toEqual({
      statuses: [201, 201],
      different: true,
      charges: 2,
    });
  });

  test("the same key on a different path is a different request → 422", { description: "A key reused for another endpoint with the same body." }, async () => {
    const { payments, app } = setup();
    await post(app, "k-path", { amount: 700 });
    const other = await post(app, "k-path", { amount: 700 }, { path: "/refunds" });
    expect({ status: other.status, calls: payments.calls() }).toEqual({ status: 422, calls: 1 });
  });
});

describe("expiry", () => {
  test("a stored response is replayed until ttlMs after it was stored; then the key is new again", { description: "Retries just before and exactly at the expiry, the last one with another body." }, async () => {
    const { payments, app } = setup();
    payments.setDelay(1000);
    await post(app, "k-old", { amount: 100 });
    clock.advance(DAY - 1);
    const before = await post(app, "k-old", { amount: 100 });
    const chargesBefore = payments.charges();
    payments.setDelay(0);
    clock.advance(1);
    const after = await post(app, "k-old", { amount: 200 });
    expect({ before: before.status, chargesBefore, after: after.status, charges: payments.charges() }).toEqual({ before: 201, chargesBefore: 1, after: 201, charges: 2 });
  });
});

describe("bad requests", () => {
  test("no Authorization header → 401 before any work", { description: "A POST with a key but no credentials." }, async () => {
    const { payments, app } = setup();
    const res = await post(app, "k-anon", { amount: 100 }, { client: null });
    expect({ status: res.status, calls: payments.calls() }).toEqual({ status: 401, calls: 0 });
  });

  test("keys must be 1 to 255 characters and not blank", { description: "An empty key, a blank one, one too long, and one of exactly the maximum length." }, async () => {
    const { payments, app } = setup();
    const statuses = [];
    for (const key of ["", "   ", "x".repeat(256), "y".repeat(255)]) statuses.push((await post(app, key, { amount: 100 })).status);
    expect({ statuses, charges: payments.charges() }).toEqual({ statuses: [400, 400, 400, 201], charges: 1 });
  });

  test("other methods pass straight through, without a key and without being stored", { description: "Two GETs with no Idempotency-Key." }, async () => {
    const { payments, app } = setup();
    const a = await app(new Request("http://api.test/payments", { headers: { Authorization: "Bearer tok-alice" } }));
    const b = await app(new Request("http://api.test/payments", { headers: { Authorization: "Bearer tok-alice" } }));
    expect({ statuses: [a.status, b.status], calls: payments.calls() }).toEqual({ statuses: [200, 200], calls: 2 });
  });
});
