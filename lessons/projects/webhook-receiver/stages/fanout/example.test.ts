import { deliverDue } from "./fanout";
import { createHandler } from "./routes";
import { BASE, send } from "./sender";
import { createStore, type WebhookEvent } from "./store";

const SECRET = "whsec_example_1f2e3d";
const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const paid = { id: "evt_paid_1", type: "order.paid", created: NOW / 1000 - 2, data: { orderId: "ord_1" } };

describe("stage 3: fan-out", () => {
  test("a new event is answered at once and delivered to every subscriber by deliverDue", async () => {
    const store = createStore();
    const got: Record<string, string[]> = { email: [], ledger: [] };
    const subscribers = {
      email: (e: WebhookEvent) => void got.email!.push(e.id),
      ledger: (e: WebhookEvent) => void got.ledger!.push(e.id),
    };
    const handle = createHandler({ secret: SECRET, store, now: () => NOW, subscribers });
    expect((await send(handle, paid, { secret: SECRET, now: NOW })).status).toBe(200);
    expect(got).toEqual({ email: [], ledger: [] });
    await deliverDue({ store, subscribers, now: () => NOW });
    expect(got).toEqual({ email: ["evt_paid_1"], ledger: ["evt_paid_1"] });
    const view = await (await handle(new Request(`${BASE}/events/evt_paid_1`))).json();
    expect(view.deliveries.email).toEqual({ status: "delivered", attempts: 1 });
  });
});
