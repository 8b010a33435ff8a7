// Mistake: the mailer never fails, and the subject is never looked at: the error path and the
// mail's content go untested.
import { sendOverdueReminders, DAY_MS } from "./solution";
import type { Invoice } from "./solution";
const NOW = Date.UTC(2025, 5, 15, 12);
const inv = (f: Partial<Invoice>): Invoice => ({ id: "i1", customerEmail: "a@x.io", dueAt: NOW - 30 * DAY_MS, paid: false, lastReminderAt: null, ...f });
function world(invoices: Invoice[], fail: string[] = []) {
  const sent: string[] = []; const marked: string[] = [];
  return { sent, marked, store: { list: async () => invoices, markReminded: async (id: string) => { marked.push(id); } }, mailer: { send: async (to: string) => { if (fail.includes(to)) throw new Error("x"); sent.push(to); } } };
}
test("sent and marked", async () => { const w = world([inv({ id: "a", customerEmail: "a@x.io" }), inv({ id: "b", customerEmail: "b@x.io", paid: true })]); expect(await sendOverdueReminders(w.store, w.mailer, () => NOW)).toBe(1); expect(w.sent).toEqual(["a@x.io"]); expect(w.marked).toEqual(["a"]); });
test("recent reminder", async () => { const w = world([inv({ lastReminderAt: NOW - DAY_MS })]); await sendOverdueReminders(w.store, w.mailer, () => NOW); expect(w.sent).toEqual([]); });
test("exactly 7", async () => { const w = world([inv({ dueAt: NOW - 7 * DAY_MS })]); await sendOverdueReminders(w.store, w.mailer, () => NOW); expect(w.sent).toEqual(["a@x.io"]); });
test("not due", async () => { const w = world([inv({ dueAt: NOW - DAY_MS })]); await sendOverdueReminders(w.store, w.mailer, () => NOW); expect(w.sent).toEqual([]); });
