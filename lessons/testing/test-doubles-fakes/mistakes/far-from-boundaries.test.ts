// Mistake: every invoice is far from the 7-day boundary (30 days overdue, reminded 1 day ago),
// so an off-by-one on the boundary survives.
import { sendOverdueReminders, DAY_MS } from "./solution";
import type { Invoice } from "./solution";
const NOW = Date.UTC(2025, 5, 15, 12);
const inv = (f: Partial<Invoice>): Invoice => ({ id: "i1", customerEmail: "a@x.io", dueAt: NOW - 30 * DAY_MS, paid: false, lastReminderAt: null, ...f });
function world(invoices: Invoice[], fail: string[] = []) {
  const sent: string[] = []; const marked: string[] = [];
  return { sent, marked, store: { list: async () => invoices, markReminded: async (id: string) => { marked.push(id); } }, mailer: { send: async (to: string) => { if (fail.includes(to)) throw new Error("x"); sent.push(to); } } };
}
test("sent and marked", async () => { const w = world([inv({ id: "a" })]); expect(await sendOverdueReminders(w.store, w.mailer, () => NOW)).toBe(1); expect(w.sent).toEqual(["a@x.io"]); expect(w.marked).toEqual(["a"]); });
test("paid", async () => { const w = world([inv({ paid: true })]); await sendOverdueReminders(w.store, w.mailer, () => NOW); expect(w.sent).toEqual([]); });
test("recent reminder", async () => { const w = world([inv({ lastReminderAt: NOW - DAY_MS })]); await sendOverdueReminders(w.store, w.mailer, () => NOW); expect(w.sent).toEqual([]); });
test("failure", async () => { const w = world([inv({ id: "a", customerEmail: "f@x.io" }), inv({ id: "b" })], ["f@x.io"]); expect(await sendOverdueReminders(w.store, w.mailer, () => NOW)).toBe(1); expect(w.marked).toEqual(["b"]); });
