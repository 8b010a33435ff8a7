import { createHandler } from "./routes";
import { BASE, send } from "./sender";
import { createStore } from "./store";

const SECRET = "whsec_example_1f2e3d";
const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const paid = { id: "evt_paid_1", type: "order.paid", created: NOW / 1000 - 2, data: { orderId: "ord_1" } };

describe("stage 2: idempotency", () => {
  test("the same event delivered twice is processed once: one receipt, one log entry", async () => {
    const store = createStore();
    const handle = createHandler({ secret: SECRET, store, now: () => NOW });
    const first = await send(handle, paid, { secret: SECRET, now: NOW });
    const second = await send(handle, paid, { secret: SECRET, now: NOW });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await second.json()).toEqual({ received: true, duplicate: true });
    expect(store.receipts()).toEqual([{ orderId: "ord_1", eventId: "evt_paid_1" }]);
    expect(store.events()).toHaveLength(1);
  });

  test("GET /orders/ord_1 → 200 {id, status} after order.paid", async () => {
    const handle = createHandler({ secret: SECRET, now: () => NOW });
    await send(handle, paid, { secret: SECRET, now: NOW });
    const res = await handle(new Request(`${BASE}/orders/ord_1`));
    expect(await res.json()).toEqual({ id: "ord_1", status: "paid" });
  });
});
