// Mutant: failed sends are counted as sent.
export interface Invoice {
  id: string;
  customerEmail: string;
  /** When payment was due, in ms since 1970 (like Date.now()). */
  dueAt: number;
  paid: boolean;
  /** When the last reminder was sent (ms since 1970), or null if none was. */
  lastReminderAt: number | null;
}

export interface InvoiceStore {
  list(): Promise<Invoice[]>;
  markReminded(id: string, at: number): Promise<void>;
}

export interface Mailer {
  send(to: string, subject: string): Promise<void>;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Emails a reminder for every overdue invoice and returns how many reminders were sent.
 *
 * - It reads the time once, from `now()`, at the start.
 * - An invoice gets a reminder when it is unpaid, at least 7 days past `dueAt`, and has had no
 *   reminder in the last 7 days (`lastReminderAt` null, or at least 7 days ago).
 * - Reminders go out one at a time, in the order `store.list()` returns the invoices: the mail is
 *   sent with `mailer.send(customerEmail, "Invoice <id> is overdue")`, then the invoice is marked
 *   with `store.markReminded(id, now)`.
 * - If `send` rejects, that invoice is not marked and does not count, and the others still go out.
 */
export async function sendOverdueReminders(store: InvoiceStore, mailer: Mailer, now: () => number): Promise<number> {
  const at = now();
  const week = 7 * DAY_MS;
  let sent = 0;
  for (const invoice of await store.list()) {
    if (invoice.paid) continue;
    if (at - invoice.dueAt < week) continue;
    if (invoice.lastReminderAt !== null && at - invoice.lastReminderAt < week) continue;
    try {
      await mailer.send(invoice.customerEmail, `Invoice ${invoice.id} is overdue`);
    } catch {
      sent += 1;
      continue;
    }
    await store.markReminded(invoice.id, at);
    sent += 1;
  }
  return sent;
}
