/**
 * The payment endpoint the tests wrap with your `idempotent(...)`: a fake with counters.
 *
 * `POST /payments` with `{ "amount": 1200 }` charges the card and answers `201` with the payment
 * and a `Location`; `{ "amount": 1200, "hold": true }` answers `202`; an amount above 100000 is
 * declined with `402`; a missing or non-positive amount is `400`. `GET /payments` lists them.
 * Tests can make the next calls fail (`failNext`) or slow (`setDelay`, virtual ms).
 */
export interface PaymentsFake {
  handler(req: Request): Promise<Response>;
  /** How many times the handler ran (every call, whatever its outcome). */
  calls(): number;
  /** How many cards were charged (201 and 202 answers). */
  charges(): number;
  /** The next calls answer these statuses (e.g. 503) or throw ("throw"), in order. */
  failNext(...outcomes: (number | "throw")[]): void;
  /** Every call takes this long before answering. */
  setDelay(ms: number): void;
}

export function createPayments(): PaymentsFake {
  let calls = 0;
  let charged = 0;
  let delay = 0;
  const outcomes: (number | "throw")[] = [];
  const list: { id: string; amount: number }[] = [];

  return {
    async handler(req) {
      calls++;
      if (req.method === "GET") return Response.json(list);
      const input = (await req.json()) as { amount?: unknown; hold?: unknown };
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const outcome = outcomes.shift();
      if (outcome === "throw") throw new Error("lost the connection to the card processor");
      if (outcome !== undefined) return Response.json({ error: "try again later" }, { status: outcome });
      if (typeof input.amount !== "number" || input.amount <= 0) return Response.json({ error: "amount must be positive" }, { status: 400 });
      if (input.amount > 100_000) return Response.json({ error: "card declined" }, { status: 402 });
      charged++;
      const payment = { id: `pay_${charged}`, amount: input.amount };
      list.push(payment);
      return Response.json(payment, {
        status: input.hold === true ? 202 : 201,
        headers: { Location: `/payments/${payment.id}` },
      });
    },
    calls: () => calls,
    charges: () => charged,
    failNext(...next) {
      outcomes.push(...next);
    },
    setDelay(ms) {
      delay = ms;
    },
  };
}
