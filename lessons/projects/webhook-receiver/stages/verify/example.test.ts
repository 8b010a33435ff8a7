import { createHandler } from "./routes";
import { send } from "./sender";
import { createStore } from "./store";

const SECRET = "whsec_example_1f2e3d";
const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const event = { id: "evt_1", type: "order.created", created: NOW / 1000 - 2, data: { orderId: "ord_1" } };

describe("stage 1: verify", () => {
  test("a correctly signed event → 200 {received: true}, and it is in the store's log", async () => {
    const store = createStore();
    const handle = createHandler({ secret: SECRET, store, now: () => NOW });
    const res = await send(handle, event, { secret: SECRET, now: NOW });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    expect(store.events()).toEqual([event]);
  });

  test("a signature made with another secret → 401", async () => {
    const handle = createHandler({ secret: SECRET, now: () => NOW });
    const res = await send(handle, event, { secret: "whsec_someone_else", now: NOW });
    expect(res.status).toBe(401);
  });
});
