import { createPayments } from "./payments";
import { idempotent } from "./solution";

function setup() {
  const payments = createPayments();
  const app = idempotent(payments.handler, { store: new Map(), ttlMs: 86_400_000, now: () => clock.now() });
  return { payments, app };
}

function post(app: (req: Request) => Promise<Response>, key: string | null, body: unknown) {
  const headers: Record<string, string> = { Authorization: "Bearer tok-alice", "Content-Type": "application/json" };
  if (key !== null) headers["Idempotency-Key"] = key;
  return app(new Request("http://api.test/payments", { method: "POST", headers, body: JSON.stringify(body) }));
}

describe("idempotent POST /payments", () => {
  test('the same POST sent twice with Idempotency-Key "k-1": one charge, the second answer is a replay of the first', async () => {
    const { payments, app } = setup();
    const first = await post(app, "k-1", { amount: 1200 });
    const second = await post(app, "k-1", { amount: 1200 });
    expect({ status: first.status, body: await first.json() }).toEqual({ status: 201, body: { id: "pay_1", amount: 1200 } });
    expect({ status: second.status, body: await second.json(), replayed: second.headers.get("Idempotent-Replayed") }).toEqual({
      status: 201,
      body: { id: "pay_1", amount: 1200 },
      replayed: "true",
    });
    expect({ charges: payments.charges() }).toEqual({ charges: 1 });
  });

  test('"k-1" reused with a different amount → 422, and nothing is charged for it', async () => {
    const { payments, app } = setup();
    await post(app, "k-1", { amount: 1200 });
    const reused = await post(app, "k-1", { amount: 9900 });
    expect({ status: reused.status, charges: payments.charges() }).toEqual({ status: 422, charges: 1 });
  });

  test("POST without an Idempotency-Key header → 400, and the payment handler is not called", async () => {
    const { payments, app } = setup();
    const res = await post(app, null, { amount: 1200 });
    expect({ status: res.status, calls: payments.calls() }).toEqual({ status: 400, calls: 0 });
  });
});
