// Mistake: the fake clock returns Date.now(), so code that ignores it and reads Date.now() itself
// agrees with the test by accident.
import { sendOverdueReminders, DAY_MS } from "./solution";
import type { Invoice } from "./solution";
const NOW = Date.UTC(2025, 5, 15, 12);
const inv = (f: Partial<Invoice>): Invoice => ({ id: "i1", customerEmail: "a@x.io", dueAt: NOW - 30 * DAY_MS, paid: false, lastReminderAt: null, ...f });
function world(invoices: Invoice[], fail: string[] = []) {
  const sent: string[] = []; const marked: string[] = [];
  return { sent, marked, store: { list: async () => invoices, markReminded: async (id: string) => { marked.push(id); } }, mailer: { send: async (to: string) => { if (fail.includes(to)) throw new Error("x"); sent.push(to); } } };
}
const T = Date.now();
const inv2 = (f: Partial<Invoice>): Invoice => ({ id: "i1", customerEmail: "a@x.io", dueAt: T - 30 * DAY_MS, paid: false, lastReminderAt: null, ...f });
test("sent and marked", async () => { const w = world([inv2({ id: "a" })]); expect(await sendOverdueReminders(w.store, w.mailer, () => T)).toBe(1); expect(w.sent).toEqual(["a@x.io"]); expect(w.marked).toEqual(["a"]); });
test("paid", async () => { const w = world([inv2({ paid: true })]); await sendOverdueReminders(w.store, w.mailer, () => T); expect(w.sent).toEqual([]); });
test("7 days", async () => { const w = world([inv2({ dueAt: T - 7 * DAY_MS }), inv2({ customerEmail: "b@x.io", dueAt: T - DAY_MS })]); await sendOverdueReminders(w.store, w.mailer, () => T); expect(w.sent).toEqual(["a@x.io"]); });
test("reminders", async () => { const w = world([inv2({ lastReminderAt: T - 3 * DAY_MS }), inv2({ customerEmail: "b@x.io", lastReminderAt: T - 7 * DAY_MS })]); await sendOverdueReminders(w.store, w.mailer, () => T); expect(w.sent).toEqual(["b@x.io"]); });
test("failure", async () => { const w = world([inv2({ id: "a", customerEmail: "f@x.io" }), inv2({ id: "b" })], ["f@x.io"]); expect(await sendOverdueReminders(w.store, w.mailer, () => T)).toBe(1); expect(w.marked).toEqual(["b"]); });
