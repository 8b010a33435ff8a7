/**
 * Another correct sendOverdueReminders: same behaviour as module.ts, collecting an outcome per
 * invoice and counting them at the end.
 */
export interface Invoice {
  id: string;
  customerEmail: string;
  dueAt: number;
  paid: boolean;
  lastReminderAt: number | null;
}

export interface InvoiceStore {
  list(): Promise<Invoice[]>;
  markReminded(id: string, at: number): Promise<void>;
}

export interface Mailer {
  send(to: string, subject: string): Promise<void>;
}

export const DAY_MS = 1000 * 60 * 60 * 24;

type Outcome = "skipped" | "failed" | "sent";

export async function sendOverdueReminders(store: InvoiceStore, mailer: Mailer, now: () => number): Promise<number> {
  const today = now();
  const daysSince = (t: number) => (today - t) / DAY_MS;
  const invoices = await store.list();
  const outcomes: Outcome[] = [];
  let i = 0;
  while (i < invoices.length) {
    const invoice = invoices[i++];
    if (invoice.paid || daysSince(invoice.dueAt) < 7 || (invoice.lastReminderAt !== null && daysSince(invoice.lastReminderAt) < 7)) {
      outcomes.push("skipped");
      continue;
    }
    let ok = true;
    try {
      await mailer.send(invoice.customerEmail, `Invoice ${invoice.id} is overdue`);
    } catch {
      ok = false;
    }
    if (ok) await store.markReminded(invoice.id, today);
    outcomes.push(ok ? "sent" : "failed");
  }
  return outcomes.filter((o) => o === "sent").length;
}
