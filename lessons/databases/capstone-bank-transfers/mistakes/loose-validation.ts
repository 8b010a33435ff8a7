import { db } from "serverside:db";
import { screen } from "./screen";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** A transfer the rules refuse (409): thrown inside the transaction so that it rolls back. */
class Refused extends Error {
  constructor(readonly reason: "insufficient_funds" | "account_frozen") {
    super(reason);
  }
}

export async function handler(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname === "/transfers" && req.method === "POST") return transfer(req);
  const match = /^\/accounts\/(\d{1,15})\/statement$/.exec(url.pathname);
  if (match !== null && req.method === "GET") return statement(Number(match[1]));
  return json(404, { error: "not_found" });
}

async function transfer(req: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json(400, { error: "invalid_json" });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return json(400, { error: "invalid_json" });
  const { from, to, amountCents } = body as Record<string, unknown>;
  if (typeof from !== "number" || typeof to !== "number" || typeof amountCents !== "number" || amountCents <= 0 || from === to) return json(422, { error: "invalid_transfer" });

  const found = db.prepare("SELECT count(*) AS n FROM accounts WHERE id IN (?, ?)").get(from, to) as { n: number };
  if (found.n !== 2) return json(404, { error: "account_not_found" });

  const verdict = await screen({ from, to, amountCents });
  if (!verdict.approved) return json(403, { error: "refused" });

  // Everything read before the await may be stale: other transfers ran meanwhile. The checks that
  // protect the invariants happen inside one synchronous transaction, and the debit is conditional.
  const move = db.transaction((): number => {
    const frozen = db.prepare("SELECT count(*) AS n FROM accounts WHERE id IN (?, ?) AND frozen = 1").get(from, to) as { n: number };
    if (frozen.n > 0) throw new Refused("account_frozen");
    const debit = db
      .prepare("UPDATE accounts SET balance_cents = balance_cents - :amount WHERE id = :from AND balance_cents >= :amount")
      .run({ amount: amountCents, from });
    if (debit.changes !== 1) throw new Refused("insufficient_funds");
    db.prepare("UPDATE accounts SET balance_cents = balance_cents + ? WHERE id = ?").run(amountCents, to);
    return db.prepare("INSERT INTO transfers (from_id, to_id, amount_cents) VALUES (?, ?, ?)").run(from, to, amountCents).lastInsertRowid;
  });
  try {
    const id = move();
    return json(201, { id, from, to, amountCents });
  } catch (error) {
    if (error instanceof Refused) return json(409, { error: error.reason });
    // The transaction rolled back: nothing of this transfer remains.
    return json(500, { error: "transfer_failed" });
  }
}

interface EntryRow {
  transferId: number;
  amountCents: number;
  counterpartyId: number;
  counterpartyOwner: string;
}

function statement(id: number): Response {
  const account = db.prepare("SELECT id, owner, balance_cents AS balanceCents FROM accounts WHERE id = ?").get(id);
  if (account === undefined) return json(404, { error: "account_not_found" });
  // One query for every entry and its counterparty, however many there are.
  const rows = db
    .prepare(
      `SELECT t.id AS transferId,
              CASE WHEN t.from_id = :id THEN -t.amount_cents ELSE t.amount_cents END AS amountCents,
              c.id AS counterpartyId, c.owner AS counterpartyOwner
       FROM transfers AS t
       JOIN accounts AS c ON c.id = CASE WHEN t.from_id = :id THEN t.to_id ELSE t.from_id END
       WHERE t.from_id = :id OR t.to_id = :id
       ORDER BY t.id DESC`,
    )
    .all({ id }) as EntryRow[];
  const entries = rows.map((r) => ({
    transferId: r.transferId,
    amountCents: r.amountCents,
    counterparty: { id: r.counterpartyId, owner: r.counterpartyOwner },
  }));
  return json(200, { account, entries });
}
