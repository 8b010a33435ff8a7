import { handler } from "./solution";
import { database } from "serverside:test";

function post(body: unknown): Promise<Response> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return Promise.resolve(
    handler(new Request("http://localhost/transfers", { method: "POST", headers: { "Content-Type": "application/json" }, body: text })),
  );
}

/** The state that must not change when a transfer is refused or fails: balances and the ledger. */
function state(): { balances: unknown[]; transfers: unknown[] } {
  return {
    balances: database.all("SELECT id, balance_cents FROM accounts ORDER BY id"),
    transfers: database.all("SELECT id, from_id, to_id, amount_cents FROM transfers ORDER BY id"),
  };
}

function balance(id: number): number {
  return database.get("SELECT balance_cents AS b FROM accounts WHERE id = ?", id)!.b as number;
}

function totalMoney(): number {
  return database.get("SELECT sum(balance_cents) AS s FROM accounts")!.s as number;
}

/** Makes one statement of the database fail, as a full disk or a lost connection would. */
function injectFailure(name: string, on: string, when = ""): void {
  database.exec(`CREATE TRIGGER ${name} BEFORE ${on} ${when} BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`);
}

describe("moving money", () => {
  test("a transfer moves the amount, records it once, and keeps the total", { description: "Balances, the ledger row and the sum of all balances after one transfer." }, async () => {
    const total = totalMoney();
    const res = await post({ from: 2, to: 6, amountCents: 1999 });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ id: body.id, from: 2, to: 6, amountCents: 1999 });
    expect([balance(2), balance(6)]).toEqual([12000 - 1999, 2500 + 1999]);
    expect(database.all("SELECT id, from_id, to_id, amount_cents FROM transfers WHERE id > 4")).toEqual([{ id: body.id, from_id: 2, to_id: 6, amount_cents: 1999 }]);
    expect(totalMoney()).toBe(total);
  });

  test("sending the whole balance is allowed and leaves exactly 0", { description: "The amount equals the balance." }, async () => {
    const res = await post({ from: 6, to: 3, amountCents: 2500 });
    expect(res.status).toBe(201);
    expect([balance(6), balance(3)]).toEqual([0, 2500]);
  });

  test("one cent more than the balance → 409 insufficient_funds, nothing changes", { description: "Also from an empty account." }, async () => {
    const before = state();
    const res = await post({ from: 2, to: 1, amountCents: 12001 });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: "insufficient_funds" });
    const empty = await post({ from: 3, to: 1, amountCents: 1 });
    expect(empty.status).toBe(409);
    expect(state()).toEqual(before);
  });

  test("a frozen account can neither send nor receive → 409 account_frozen, nothing changes", { description: "The frozen account as sender, then as receiver." }, async () => {
    const before = state();
    const out = await post({ from: 5, to: 1, amountCents: 100 });
    expect([out.status, await out.json()]).toEqual([409, { error: "account_frozen" }]);
    const into = await post({ from: 1, to: 5, amountCents: 100 });
    expect([into.status, await into.json()]).toEqual([409, { error: "account_frozen" }]);
    expect(state()).toEqual(before);
  });
});

describe("refusing bad requests without changing anything", () => {
  test("invalid fields → 422", { description: "Amounts that are zero, negative, fractional, strings or too large to be exact; ids that are not positive integers; the same account on both sides; missing fields." }, async () => {
    const before = state();
    const bodies: unknown[] = [
      { from: 1, to: 2, amountCents: 0 },
      { from: 1, to: 2, amountCents: -500 },
      { from: 1, to: 2, amountCents: 10.5 },
      { from: 1, to: 2, amountCents: "100" },
      { from: 1, to: 2, amountCents: 2 ** 53 + 2 },
      { from: 1, to: 2 },
      { from: "1", to: 2, amountCents: 100 },
      { from: 1, to: 1.5, amountCents: 100 },
      { from: 0, to: 2, amountCents: 100 },
      { from: 1, to: 1, amountCents: 100 },
      { to: 2, amountCents: 100 },
      { from: 1, to: null, amountCents: 100 },
    ];
    const statuses: number[] = [];
    for (const body of bodies) statuses.push((await post(body)).status);
    expect(statuses).toEqual(bodies.map(() => 422));
    expect(state()).toEqual(before);
  });

  test("a body that is not a JSON object → 400", { description: "Broken JSON, an array, a number, null." }, async () => {
    const before = state();
    const statuses: number[] = [];
    for (const body of ['{"from": 1,', "[1, 2, 100]", "42", "null"]) statuses.push((await post(body)).status);
    expect(statuses).toEqual([400, 400, 400, 400]);
    expect(state()).toEqual(before);
  });

  test("an account that does not exist → 404 account_not_found", { description: "Unknown sender, unknown receiver." }, async () => {
    const before = state();
    const a = await post({ from: 99, to: 1, amountCents: 100 });
    const b = await post({ from: 1, to: 99, amountCents: 100 });
    expect([a.status, await a.json(), b.status, await b.json()]).toEqual([404, { error: "account_not_found" }, 404, { error: "account_not_found" }]);
    expect(state()).toEqual(before);
  });

  test("the fraud screen decides: above its limit → 403, at its limit → 201", { description: "Dana sends just over and exactly the screen's limit." }, async () => {
    const before = state();
    const over = await post({ from: 4, to: 1, amountCents: 1_000_001 });
    expect(over.status).toBe(403);
    expect(state()).toEqual(before);
    const at = await post({ from: 4, to: 1, amountCents: 1_000_000 });
    expect(at.status).toBe(201);
  });
});

describe("failures in the middle leave no trace", () => {
  for (const [what, on, when] of [
    ["recording the transfer", "INSERT ON transfers", ""],
    ["crediting the receiver", "UPDATE OF balance_cents ON accounts", "WHEN NEW.id = 3"],
    ["debiting the sender", "UPDATE OF balance_cents ON accounts", "WHEN NEW.id = 1"],
  ] as const) {
    test(`the database fails while ${what} → 500, balances and ledger unchanged, the next transfer works`, { description: "The failure is injected into one statement; afterwards it is removed and a normal transfer is sent." }, async () => {
      injectFailure("injected", on, when);
      const before = state();
      const res = await post({ from: 1, to: 3, amountCents: 700 });
      expect(res.status).toBe(500);
      expect(state()).toEqual(before);
      database.exec("DROP TRIGGER injected");
      const next = await post({ from: 1, to: 3, amountCents: 700 });
      expect(next.status).toBe(201);
      expect([balance(1), balance(3)]).toEqual([50000 - 700, 700]);
    });
  }
});

describe("concurrent requests", () => {
  test("two transfers that together exceed the balance, sent at once → one 201, one 409, no negative balance", { description: "Both pass any check made before the fraud screen answers." }, async () => {
    const total = totalMoney();
    const responses = await Promise.all([post({ from: 2, to: 1, amountCents: 8000 }), post({ from: 2, to: 3, amountCents: 8000 })]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(balance(2)).toBe(4000);
    expect(totalMoney()).toBe(total);
  });

  test("eight transfers at once from one account: never below zero, every cent accounted for", { description: "The balance covers only some of them." }, async () => {
    const total = totalMoney();
    const sends = [1, 2, 3, 6, 1, 2, 3, 6].map((to) => post({ from: 4, to, amountCents: 600_000 }));
    const statuses = (await Promise.all(sends)).map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBe(4);
    expect(statuses.filter((s) => s === 409).length).toBe(4);
    expect(balance(4)).toBe(100_000);
    expect(database.get("SELECT count(*) AS n FROM transfers WHERE from_id = 4 AND id > 4")).toEqual({ n: 4 });
    expect(totalMoney()).toBe(total);
  });
});

describe("the statement", () => {
  test("30 transfers with 15 counterparties → the right entries in at most 2 queries", { description: "Signs, counterparties and newest-first order, compared with the database; the number of queries must not grow with the entries." }, async () => {
    for (let i = 0; i < 15; i++) database.run("INSERT INTO accounts (owner, balance_cents) VALUES (?, 0)", `Client ${i}`);
    for (let i = 0; i < 30; i++) {
      const other = 7 + (i % 15);
      if (i % 3 === 0) database.run("INSERT INTO transfers (from_id, to_id, amount_cents) VALUES (2, ?, ?)", other, 100 + i);
      else database.run("INSERT INTO transfers (from_id, to_id, amount_cents) VALUES (?, 2, ?)", other, 200 + i);
    }
    const expected = database
      .all(
        `SELECT t.id, t.from_id, t.to_id, t.amount_cents, a.id AS cid, a.owner FROM transfers t
         JOIN accounts a ON a.id = (CASE WHEN t.from_id = 2 THEN t.to_id ELSE t.from_id END)
         WHERE 2 IN (t.from_id, t.to_id) ORDER BY t.id DESC`,
      )
      .map((r) => ({
        transferId: r.id,
        amountCents: r.from_id === 2 ? -(r.amount_cents as number) : r.amount_cents,
        counterparty: { id: r.cid, owner: r.owner },
      }));
    database.resetQueries();
    const res = await handler(new Request("http://localhost/accounts/2/statement"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.account).toEqual({ id: 2, owner: "Ben", balanceCents: 12000 });
    expect(body.entries).toEqual(expected);
    expect(database.queries().map((q) => q.sql).slice(2)).toEqual([]);
  });

  test("an account with no transfers → entries: []; an unknown account → 404", { description: "A new account, then an id that does not exist." }, async () => {
    database.run("INSERT INTO accounts (id, owner, balance_cents) VALUES (40, 'Gia', 700)");
    const res = await handler(new Request("http://localhost/accounts/40/statement"));
    expect([res.status, await res.json()]).toEqual([200, { account: { id: 40, owner: "Gia", balanceCents: 700 }, entries: [] }]);
    const missing = await handler(new Request("http://localhost/accounts/41/statement"));
    expect(missing.status).toBe(404);
  });

  test("a transfer made through the API appears on both statements", { description: "Sender and receiver each see it, with opposite signs." }, async () => {
    const res = await post({ from: 6, to: 3, amountCents: 1234 });
    const { id } = await res.json();
    const sender = await (await handler(new Request("http://localhost/accounts/6/statement"))).json();
    const receiver = await (await handler(new Request("http://localhost/accounts/3/statement"))).json();
    expect([sender.entries[0], receiver.entries[0]]).toEqual([
      { transferId: id, amountCents: -1234, counterparty: { id: 3, owner: "Chen" } },
      { transferId: id, amountCents: 1234, counterparty: { id: 6, owner: "Finn" } },
    ]);
  });
});
