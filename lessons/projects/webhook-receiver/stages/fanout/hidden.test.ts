import { backoffMs, deliverDue, type Subscriber } from "./fanout";
import { createHandler } from "./routes";
import { BASE, send, type Handle } from "./sender";
import { createStore, type Order, type WebhookEvent, type WebhookStore } from "./store";

const START = Date.UTC(2026, 4, 1, 12, 0, 0) + crypto.randomInt(1_000_000) * 1000;
const SECRET = `whsec_${crypto.randomBytes(12).toHex()}`;

let n = 0;
function ev(type = "order.paid", orderId = "ord_1"): WebhookEvent {
  n++;
  return { id: `evt_${crypto.randomBytes(6).toHex()}_${n}`, type, created: Math.floor(START / 1000) - 5, data: { orderId } };
}

interface World {
  handle: Handle;
  store: WebhookStore;
  time: { t: number };
  got: Record<string, string[]>;
  subscribers: Record<string, Subscriber>;
  run: () => Promise<number>;
  deliver: (event: unknown) => Promise<Response>;
  view: (id: string) => Promise<Record<string, { status: string; attempts: number }> | number>;
}

/** Subscribers that record what they get; `failing[name]` = how many first calls throw (Infinity: always). */
function world(failing: Record<string, number> = {}, names = ["email", "ledger"], store: WebhookStore = createStore(), rejectAsync = false): World {
  const time = { t: START };
  const got: Record<string, string[]> = {};
  const subscribers: Record<string, Subscriber> = {};
  for (const name of names) {
    got[name] = [];
    let left = failing[name] ?? 0;
    subscribers[name] = (e: WebhookEvent) => {
      got[name]!.push(e.id);
      if (left > 0) {
        left--;
        if (rejectAsync) return Promise.reject(new Error(`${name} is down`));
        throw new Error(`${name} is down`);
      }
      return undefined;
    };
  }
  const handle = createHandler({ secret: SECRET, store, now: () => time.t, subscribers });
  return {
    handle, store, time, got, subscribers,
    run: () => deliverDue({ store, subscribers, now: () => time.t }),
    deliver: (event) => send(handle, event, { secret: SECRET, now: time.t }),
    view: async (id) => {
      const res = await handle(new Request(`${BASE}/events/${id}`));
      return res.status === 200 ? (await res.json()).deliveries : res.status;
    },
  };
}

describe("stage 3: fan-out", () => {
  test("the receiver answers without calling subscribers, even failing ones", async () => {
    const w = world({ email: Infinity, ledger: Infinity });
    const e = ev();
    expect((await w.deliver(e)).status).toBe(200);
    expect(w.got).toEqual({ email: [], ledger: [] });
  });

  test("one failing subscriber does not hold back or repeat the others", { description: "email fails twice; ledger succeeds at once and must get the event exactly once." }, async () => {
    const w = world({ email: 2 });
    const e = ev();
    await w.deliver(e);
    await w.run();
    for (const wait of [1000, 2000, 4000]) {
      w.time.t += wait;
      await w.run();
    }
    expect(w.got).toEqual({ email: [e.id, e.id, e.id], ledger: [e.id] });
    expect(await w.view(e.id)).toEqual({ email: { status: "delivered", attempts: 3 }, ledger: { status: "delivered", attempts: 1 } });
  });

  test("retries wait 1 s, 2 s, 4 s, 8 s after the failures, never less", { description: "deliverDue runs just before and exactly at each retry time." }, async () => {
    const w = world({ email: Infinity }, ["email"]);
    const e = ev();
    await w.deliver(e);
    const calledAt: number[] = [];
    await w.run();
    calledAt.push(w.got.email!.length);
    for (const wait of [1000, 2000, 4000, 8000]) {
      w.time.t += wait - 1;
      await w.run();
      calledAt.push(w.got.email!.length);
      w.time.t += 1;
      await w.run();
      calledAt.push(w.got.email!.length);
    }
    expect(calledAt).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5]);
    expect([backoffMs(1), backoffMs(2), backoffMs(3), backoffMs(4)]).toEqual([1000, 2000, 4000, 8000]);
  });

  test("after 5 failed attempts a delivery is dead and never tried again", async () => {
    const w = world({ email: Infinity }, ["email"]);
    const e = ev();
    await w.deliver(e);
    for (let i = 0; i < 12; i++) {
      await w.run();
      w.time.t += 60_000;
    }
    expect(w.got.email).toHaveLength(5);
    expect(await w.view(e.id)).toEqual({ email: { status: "dead", attempts: 5 } });
  });

  test("a rejected promise is a failure like a thrown error", async () => {
    const w = world({ email: 1 }, ["email"], createStore(), true);
    const e = ev();
    await w.deliver(e);
    await w.run();
    expect(await w.view(e.id)).toEqual({ email: { status: "pending", attempts: 1 } });
    w.time.t += 1000;
    await w.run();
    expect(await w.view(e.id)).toEqual({ email: { status: "delivered", attempts: 2 } });
  });

  test("duplicates create no new deliveries", async () => {
    const w = world();
    const e = ev();
    await w.deliver(e);
    await w.run();
    await w.deliver(e);
    await w.run();
    expect(w.got).toEqual({ email: [e.id], ledger: [e.id] });
  });

  test("pending deliveries live in the store: a restarted receiver and worker carry on", { description: "A delivery fails, then a new handler and a new set of subscribers on the same store take over." }, async () => {
    const store = createStore();
    const first = world({ email: Infinity }, ["email"], store);
    const e = ev();
    await first.deliver(e);
    await first.run();
    const second = world({}, ["email"], store);
    second.time.t = START + 1000;
    await second.run();
    expect(second.got.email).toEqual([e.id]);
    expect(await second.view(e.id)).toEqual({ email: { status: "delivered", attempts: 2 } });
  });

  test("nothing is kept outside the store: a fresh store has nothing to deliver", { description: "Two stores with an event of the same id; what happens in one must not show in the other." }, async () => {
    const a = world({ email: Infinity }, ["email"]);
    const e = ev();
    await a.deliver(e);
    await a.run();
    const b = world({ email: 1 }, ["email"]);
    expect(await b.run()).toBe(0);
    expect(b.got.email).toEqual([]);
    await b.deliver(e);
    await b.run();
    expect(await b.view(e.id)).toEqual({ email: { status: "pending", attempts: 1 } });
  });

  test("deliveries go out in the order the events arrived", async () => {
    const w = world({}, ["email"]);
    const events = [ev("order.created", "o1"), ev("customer.updated", "o2"), ev("order.paid", "o3")];
    for (const e of events) await w.deliver(e);
    expect(await w.run()).toBe(3);
    expect(w.got.email).toEqual(events.map((e) => e.id));
  });

  test("a subscriber gets the event as it was received", async () => {
    const w = world({}, ["email"]);
    const e = { ...ev(), data: { orderId: "ord_z", amount: 1250, currency: "EUR" } };
    const seen: WebhookEvent[] = [];
    await w.deliver(e);
    await deliverDue({ store: w.store, subscribers: { email: (x) => void seen.push(structuredClone(x)) }, now: () => w.time.t });
    expect(seen).toEqual([e]);
  });

  test("an event whose processing failed has no deliveries until it is processed", async () => {
    const inner = createStore();
    let left = 1;
    const store: WebhookStore = Object.create(inner);
    store.putOrder = (order: Order) => {
      if (left-- > 0) throw new Error("database unavailable");
      inner.putOrder(order);
    };
    const w = world({}, ["email"], store);
    const e = ev();
    expect((await w.deliver(e)).status).toBeGreaterThanOrEqual(500);
    expect(await w.run()).toBe(0);
    await w.deliver(e);
    await w.run();
    expect(w.got.email).toEqual([e.id]);
  });

  test("GET /events/<unknown> → 404; other methods → 405 with Allow: GET", async () => {
    const w = world();
    expect(await w.view("evt_nope")).toBe(404);
    const post = await w.handle(new Request(`${BASE}/events/evt_nope`, { method: "POST" }));
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET"]);
  });
});
