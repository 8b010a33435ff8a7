import { db } from "serverside:db";
import { screen } from "./screen";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

// A first draft that "works" on the happy path. Read the instructions: it breaks most of the rules.
export async function handler(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname === "/transfers" && req.method === "POST") {
    const { from, to, amountCents } = await req.json();
    const account = db.prepare("SELECT balance_cents FROM accounts WHERE id = ?").get(from) as { balance_cents: number };
    if (account.balance_cents < amountCents) return json(409, { error: "insufficient_funds" });
    await screen({ from, to, amountCents });
    db.prepare("UPDATE accounts SET balance_cents = balance_cents - ? WHERE id = ?").run(amountCents, from);
    db.prepare("UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?").run(amountCents, to);
    const { lastInsertRowid } = db.prepare("INSERT INTO transfers (from_id, to_id, amount_cents) VALUES (?, ?, ?)").run(from, to, amountCents);
    return json(201, { id: lastInsertRowid, from, to, amountCents });
  }
  // TODO: GET /accounts/:id/statement
  return json(404, { error: "not_found" });
}
