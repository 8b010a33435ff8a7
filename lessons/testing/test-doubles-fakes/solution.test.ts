import { sendOverdueReminders, DAY_MS } from "./solution";
import type { Invoice, InvoiceStore, Mailer } from "./solution";

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0); // far from the sandbox clock's own date
const fixedClock = () => NOW;

function invoice(fields: Partial<Invoice>): Invoice {
  return { id: "inv-1", customerEmail: "ada@example.com", dueAt: NOW - 30 * DAY_MS, paid: false, lastReminderAt: null, ...fields };
}

/** A fake store: real behaviour on an array, and a record of what was marked. */
function fakeStore(invoices: Invoice[]): InvoiceStore & { marked: [string, number][] } {
  const marked: [string, number][] = [];
  return {
    marked,
    list: async () => invoices.map((i) => ({ ...i })),
    markReminded: async (id, at) => {
      marked.push([id, at]);
    },
  };
}

/** A spy mailer that records each mail, and fails for the addresses in `failFor`. */
function spyMailer(failFor: string[] = []): Mailer & { sent: [string, string][] } {
  const sent: [string, string][] = [];
  return {
    sent,
    send: async (to, subject) => {
      if (failFor.includes(to)) throw new Error("mail server unavailable");
      sent.push([to, subject]);
    },
  };
}

describe("who gets a reminder", () => {
  test("an overdue invoice: one mail with the invoice id, marked with now, counted", async () => {
    const store = fakeStore([invoice({ id: "inv-7" })]);
    const mailer = spyMailer();
    expect(await sendOverdueReminders(store, mailer, fixedClock)).toBe(1);
    expect(mailer.sent).toEqual([["ada@example.com", "Invoice inv-7 is overdue"]]);
    expect(store.marked).toEqual([["inv-7", NOW]]);
  });

  test("a paid invoice gets nothing", async () => {
    const mailer = spyMailer();
    expect(await sendOverdueReminders(fakeStore([invoice({ paid: true })]), mailer, fixedClock)).toBe(0);
    expect(mailer.sent).toEqual([]);
  });

  test("exactly 7 days past due: reminded; 1 ms less: not yet", async () => {
    const mailer = spyMailer();
    const store = fakeStore([
      invoice({ id: "due-7d", customerEmail: "a@x.io", dueAt: NOW - 7 * DAY_MS }),
      invoice({ id: "due-7d-minus-1ms", customerEmail: "b@x.io", dueAt: NOW - 7 * DAY_MS + 1 }),
    ]);
    await sendOverdueReminders(store, mailer, fixedClock);
    expect(mailer.sent.map(([to]) => to)).toEqual(["a@x.io"]);
  });

  test("1 day past due: no reminder", async () => {
    const mailer = spyMailer();
    await sendOverdueReminders(fakeStore([invoice({ dueAt: NOW - DAY_MS })]), mailer, fixedClock);
    expect(mailer.sent).toEqual([]);
  });

  test("reminded 3 days ago: nothing; exactly 7 days ago: reminded again", async () => {
    const mailer = spyMailer();
    const store = fakeStore([
      invoice({ id: "recent", customerEmail: "a@x.io", lastReminderAt: NOW - 3 * DAY_MS }),
      invoice({ id: "week-ago", customerEmail: "b@x.io", lastReminderAt: NOW - 7 * DAY_MS }),
    ]);
    await sendOverdueReminders(store, mailer, fixedClock);
    expect(mailer.sent.map(([to]) => to)).toEqual(["b@x.io"]);
  });
});

describe("when sending fails", () => {
  test("the failed invoice is not marked or counted, and the next one still goes out", async () => {
    const store = fakeStore([
      invoice({ id: "inv-1", customerEmail: "down@x.io" }),
      invoice({ id: "inv-2", customerEmail: "up@x.io" }),
    ]);
    const mailer = spyMailer(["down@x.io"]);
    expect(await sendOverdueReminders(store, mailer, fixedClock)).toBe(1);
    expect(mailer.sent).toEqual([["up@x.io", "Invoice inv-2 is overdue"]]);
    expect(store.marked).toEqual([["inv-2", NOW]]);
  });
});
