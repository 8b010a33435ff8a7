import { db } from "serverside:db";
import type { Delivery } from "./broker";

export type Outcome = "processed" | "duplicate" | "retry" | "dead-lettered";

export interface ConsumerOptions {
  /** The delivery attempt on which a message that keeps failing goes to the dead-letter queue. */
  maxAttempts: number;
  /** The clock, in ms, for processed_at; defaults to Date.now. */
  now?: () => number;
}

export async function handleDelivery(delivery: Delivery, options: ConsumerOptions): Promise<Outcome> {
  const { account, amount } = JSON.parse(delivery.body) as { account: string; amount: number };
  await delivery.ack(); // TODO: this acks before doing anything, and applies every copy
  db.prepare("UPDATE accounts SET balance = balance + ? WHERE id = ?").run(amount, account);
  return "processed";
}
