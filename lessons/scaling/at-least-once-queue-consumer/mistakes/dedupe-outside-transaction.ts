// Mistake: records the message id in its own statement before the transaction: when the work
// then fails, the redelivery is taken for a duplicate and the effect is never applied.
import { db } from "serverside:db";
import type { Delivery } from "./broker";

export type Outcome = "processed" | "duplicate" | "retry" | "dead-lettered";

export interface ConsumerOptions {
  /** The delivery attempt on which a message that keeps failing goes to the dead-letter queue. */
  maxAttempts: number;
  /** The clock, in ms, for processed_at; defaults to Date.now. */
  now?: () => number;
}

interface Deposit {
  account: string;
  amount: number;
}

function parseBody(body: string): Deposit | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { account, amount } = value as Record<string, unknown>;
  if (typeof account !== "string" || account === "") return null;
  if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount === 0) return null;
  return { account, amount };
}

class UnknownAccount extends Error {}

export async function handleDelivery(delivery: Delivery, options: ConsumerOptions): Promise<Outcome> {
  const now = options.now ?? Date.now;
  const deposit = parseBody(delivery.body);
  // A body that cannot be understood will never succeed: retrying it only delays the queue.
  if (deposit === null) {
    await delivery.deadLetter("malformed message body");
    return "dead-lettered";
  }

  let outcome: "processed" | "duplicate";
  try {
    // The dedupe row and the effect commit together or not at all: a crash or an error in between
    // leaves neither, so the redelivery does the whole job once.
    const claimed = db
      .prepare("INSERT INTO processed_messages (message_id, processed_at) VALUES (?, ?) ON CONFLICT (message_id) DO NOTHING")
      .run(delivery.id, now());
    outcome = db.transaction((): "processed" | "duplicate" => {
      if (claimed.changes === 0) return "duplicate";
      const updated = db.prepare("UPDATE accounts SET balance = balance + ? WHERE id = ?").run(deposit.amount, deposit.account);
      if (updated.changes === 0) throw new UnknownAccount(`no account ${deposit.account}`);
      return "processed";
    })();
  } catch (error) {
    // Not acked: the broker delivers it again after the visibility timeout, until the last attempt.
    if (delivery.attempt >= options.maxAttempts) {
      await delivery.deadLetter(error instanceof Error ? error.message : String(error));
      return "dead-lettered";
    }
    return "retry";
  }
  // Ack only after the commit. If this ack is lost, the redelivery finds the dedupe row.
  await delivery.ack();
  return outcome;
}
