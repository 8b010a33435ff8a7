import { createHandler } from "./routes";
import { BASE, send, type Handle } from "./sender";
import { createStore, type Order, type WebhookStore } from "./store";

const NOW = Date.UTC(2026, 4, 1, 12, 0, 0) + crypto.randomInt(1_000_000) * 1000;
const NOW_S = Math.floor(NOW / 1000);
const SECRET = `whsec_${crypto.randomBytes(12).toHex()}`;

type Event = { id: string; type: string; created: number; data: Record<string, unknown> };
let n = 0;
function ev(type: string, orderId: string, createdAgo: number): Event {
  n++;
  return { id: `evt_${crypto.randomBytes(6).toHex()}_${n}`, type, created: NOW_S - createdAgo, data: { orderId } };
}

function app(store: WebhookStore = createStore()): { handle: Handle; store: WebhookStore } {
  return { handle: createHandler({ secret: SECRET, store, now: () => NOW }), store };
}
const deliver = (handle: Handle, event: unknown): Promise<Response> => send(handle, event, { secret: SECRET, now: NOW });
async function status(handle: Handle, orderId: string): Promise<unknown> {
  const res = await handle(new Request(`${BASE}/orders/${encodeURIComponent(orderId)}`));
  return res.status === 200 ? (await res.json()).status : res.status;
}

/** A store whose putOrder fails the first `failures` times, like a database that is briefly down. */
function flaky(inner: WebhookStore, failures: number): WebhookStore {
  let left = failures;
  const store: WebhookStore = Object.create(inner);
  store.putOrder = (order: Order) => {
    if (left > 0) {
      left--;
      throw new Error("database unavailable");
    }
    inner.putOrder(order);
  };
  return store;
}

describe("stage 2: idempotency", () => {
  test("duplicates are recognised by event id, not by content", { description: "One event sent three times, and two events with different ids but the same content." }, async () => {
    const { handle, store } = app();
    const paid = ev("order.paid", "ord_a", 10);
    for (let i = 0; i < 3; i++) expect((await deliver(handle, paid)).status).toBe(200);
    const again = ev("order.paid", "ord_b", 10);
    await deliver(handle, again);
    await deliver(handle, { ...again, id: `${again.id}_x` });
    expect(store.receipts().map((r) => r.orderId)).toEqual(["ord_a", "ord_b", "ord_b"]);
    expect(store.events()).toHaveLength(3);
  });

  test("a redelivery with a changed body but the same id is still a duplicate", async () => {
    const { handle } = app();
    const created = ev("order.created", "ord_c", 20);
    await deliver(handle, created);
    const res = await deliver(handle, { ...created, type: "order.cancelled", created: NOW_S });
    expect(await res.json()).toEqual({ received: true, duplicate: true });
    expect(await status(handle, "ord_c")).toBe("created");
  });

  test("deduplication survives a restart: a second handler on the same store knows the event", async () => {
    const store = createStore();
    const paid = ev("order.paid", "ord_d", 10);
    await deliver(app(store).handle, paid);
    const res = await deliver(app(store).handle, paid);
    expect(await res.json()).toEqual({ received: true, duplicate: true });
    expect(store.receipts()).toHaveLength(1);
  });

  test("when processing fails the answer is 5xx and the event is not marked processed, so a redelivery is processed", { description: "The store fails once while the order is written; the sender delivers the event again." }, async () => {
    const inner = createStore();
    const { handle } = app(flaky(inner, 1));
    const paid = ev("order.paid", "ord_e", 10);
    const first = await deliver(handle, paid);
    expect(first.status).toBeGreaterThanOrEqual(500);
    const second = await deliver(handle, paid);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ received: true });
    expect(await status(handle, "ord_e")).toBe("paid");
    expect(inner.receipts()).toEqual([{ orderId: "ord_e", eventId: paid.id }]);
    expect(inner.events().map((e) => e.id)).toEqual([paid.id]);
  });

  test("events that arrive out of order: an older event never overwrites a newer status", { description: "Events of one order delivered in a shuffled order." }, async () => {
    const { handle } = app();
    const created = ev("order.created", "ord_f", 300);
    const paid = ev("order.paid", "ord_f", 200);
    const shipped = ev("order.shipped", "ord_f", 100);
    await deliver(handle, paid);
    expect(await status(handle, "ord_f")).toBe("paid");
    await deliver(handle, created);
    expect(await status(handle, "ord_f")).toBe("paid");
    await deliver(handle, shipped);
    expect(await status(handle, "ord_f")).toBe("shipped");
    const lateCancel = ev("order.cancelled", "ord_f", 250);
    await deliver(handle, lateCancel);
    expect(await status(handle, "ord_f")).toBe("shipped");
  });

  test("a late order.paid still sends its receipt, once", async () => {
    const { handle, store } = app();
    const shipped = ev("order.shipped", "ord_g", 50);
    const paid = ev("order.paid", "ord_g", 90);
    await deliver(handle, shipped);
    await deliver(handle, paid);
    await deliver(handle, paid);
    expect(await status(handle, "ord_g")).toBe("shipped");
    expect(store.receipts()).toEqual([{ orderId: "ord_g", eventId: paid.id }]);
  });

  test("newer events win in every order they can arrive", { description: "Every arrival order of three events of one order." }, async () => {
    const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    const results: unknown[] = [];
    for (const perm of perms) {
      const { handle } = app();
      const events = [ev("order.created", "ord_h", 30), ev("order.paid", "ord_h", 20), ev("order.cancelled", "ord_h", 10)];
      for (const i of perm) await deliver(handle, events[i]);
      results.push(await status(handle, "ord_h"));
    }
    expect(results).toEqual(perms.map(() => "cancelled"));
  });

  test("two deliveries of one event at the same moment are processed once", async () => {
    const { handle, store } = app();
    const paid = ev("order.paid", "ord_i", 10);
    const [a, b] = await Promise.all([deliver(handle, paid), deliver(handle, paid)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(store.receipts()).toHaveLength(1);
  });

  test("event types the receiver does not know are accepted and logged, and change no order", async () => {
    const { handle, store } = app();
    const other = { ...ev("customer.updated", "ord_j", 10), data: { customerId: "cus_1" } };
    const res = await deliver(handle, other);
    expect(res.status).toBe(200);
    expect(store.events().map((e) => e.id)).toEqual([other.id]);
    expect(await status(handle, "ord_j")).toBe(404);
  });

  test("order events without a data.orderId string → 422, nothing recorded", async () => {
    const { handle, store } = app();
    const statuses: number[] = [];
    for (const data of [{}, { orderId: 7 }, { orderId: "" }]) statuses.push((await deliver(handle, { ...ev("order.paid", "x", 5), data })).status);
    expect(statuses).toEqual([422, 422, 422]);
    expect(store.events()).toEqual([]);
    expect(store.receipts()).toEqual([]);
  });

  test("GET /orders/<unknown> → 404; other methods on /orders/<id> → 405 with Allow: GET", async () => {
    const { handle } = app();
    await deliver(handle, ev("order.created", "ord_k", 5));
    expect(await status(handle, "ord_missing")).toBe(404);
    const del = await handle(new Request(`${BASE}/orders/ord_k`, { method: "DELETE" }));
    expect([del.status, del.headers.get("allow")]).toEqual([405, "GET"]);
    expect((await handle(new Request(`${BASE}/orders/%E0%A4%A`))).status).toBe(404);
  });
});
