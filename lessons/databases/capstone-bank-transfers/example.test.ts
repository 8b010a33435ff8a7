import { handler } from "./solution";
import { database } from "serverside:test";

function post(body: unknown): Promise<Response> {
  return Promise.resolve(
    handler(new Request("http://localhost/transfers", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })),
  );
}

/** Every account's balance, by id, read without being counted. */
function balances(): Record<number, number> {
  const rows = database.all("SELECT id, balance_cents FROM accounts ORDER BY id");
  return Object.fromEntries(rows.map((r) => [r.id, r.balance_cents]));
}

test("POST /transfers {from: 1, to: 3, amountCents: 2500} → 201; Ada 500.00 → 475.00, Chen 0 → 25.00", async () => {
  const res = await post({ from: 1, to: 3, amountCents: 2500 });
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({ id: 5, from: 1, to: 3, amountCents: 2500 });
  expect(balances()).toEqual({ 1: 47500, 2: 12000, 3: 2500, 4: 2500000, 5: 30000, 6: 2500 });
  expect(database.get("SELECT from_id, to_id, amount_cents FROM transfers WHERE id = 5")).toEqual({ from_id: 1, to_id: 3, amount_cents: 2500 });
});

test("POST /transfers {from: 6, to: 1, amountCents: 2501} (Finn has 2500) → 409 insufficient_funds, nothing changes", async () => {
  const res = await post({ from: 6, to: 1, amountCents: 2501 });
  expect(res.status).toBe(409);
  expect(await res.json()).toEqual({ error: "insufficient_funds" });
  expect(balances()).toEqual({ 1: 50000, 2: 12000, 3: 0, 4: 2500000, 5: 30000, 6: 2500 });
  expect(database.get("SELECT count(*) AS n FROM transfers")).toEqual({ n: 4 });
});

test("GET /accounts/1/statement → Ada's balance and her 4 transfers, newest first, with counterparties", async () => {
  const res = await handler(new Request("http://localhost/accounts/1/statement"));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({
    account: { id: 1, owner: "Ada", balanceCents: 50000 },
    entries: [
      { transferId: 4, amountCents: -2500, counterparty: { id: 6, owner: "Finn" } },
      { transferId: 3, amountCents: 1000, counterparty: { id: 2, owner: "Ben" } },
      { transferId: 2, amountCents: -4500, counterparty: { id: 2, owner: "Ben" } },
      { transferId: 1, amountCents: 20000, counterparty: { id: 4, owner: "Dana" } },
    ],
  });
});
