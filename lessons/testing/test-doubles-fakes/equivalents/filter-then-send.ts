/**
 * Another correct sendOverdueReminders: same behaviour as module.ts, choosing the invoices first and
 * sending afterwards.
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

export const DAY_MS = 86_400_000;

const WEEK_MS = 7 * DAY_MS;

function isDue(invoice: Invoice, at: number): boolean {
  const overdue = invoice.dueAt + WEEK_MS <= at;
  const quiet = invoice.lastReminderAt === null || invoice.lastReminderAt + WEEK_MS <= at;
  return !invoice.paid && overdue && quiet;
}

export async function sendOverdueReminders(store: InvoiceStore, mailer: Mailer, now: () => number): Promise<number> {
  const at = now();
  const due = (await store.list()).filter((invoice) => isDue(invoice, at));
  let sent = 0;
  for (const { id, customerEmail } of due) {
    const delivered = await mailer.send(customerEmail, "Invoice " + id + " is overdue").then(
      () => true,
      () => false,
    );
    if (!delivered) continue;
    await store.markReminded(id, at);
    sent++;
  }
  return sent;
}
