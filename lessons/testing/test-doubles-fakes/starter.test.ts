import { sendOverdueReminders, DAY_MS } from "./solution";
import type { Invoice } from "./solution";

// A fixed "now" for the tests, passed in as a fake clock.
const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

function invoice(fields: Partial<Invoice>): Invoice {
  return { id: "inv-1", customerEmail: "ada@example.com", dueAt: NOW - 30 * DAY_MS, paid: false, lastReminderAt: null, ...fields };
}

describe("sendOverdueReminders", () => {
  test("an invoice 30 days overdue gets one reminder", async () => {
    const sent: string[] = [];
    const store = { list: async () => [invoice({})], markReminded: async () => {} };
    const mailer = { send: async (to: string) => { sent.push(to); } };

    const count = await sendOverdueReminders(store, mailer, () => NOW);

    expect(count).toBe(1);
    expect(sent).toEqual(["ada@example.com"]);
  });

  // Add tests. Make the fake store remember what markReminded was called with, and give the fake
  // mailer a way to fail for one address.
});
