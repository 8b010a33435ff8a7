/**
 * A fake message broker with at-least-once delivery, like SQS or a RabbitMQ queue with manual acks.
 *
 * - `receive()` hands out the next visible message as a `Delivery` and hides it for `visibilityMs`
 *   (virtual ms). If it is not acked or dead-lettered by then, it becomes visible again: a redelivery
 *   with `attempt` one higher.
 * - Messages can be published twice (`publish` with an id already used: a producer retry) and can
 *   be received in any order the test chooses (`receive(id)`).
 * - `failAcks(n)` makes the next `n` acks reject: the consumer "crashed" after its work and before
 *   the broker heard about it, so the message will be delivered again.
 */
export interface Delivery {
  /** The message id, the same on every delivery of the message (and on a republished copy). */
  readonly id: string;
  /** JSON text, e.g. `{"account":"acc-1","amount":25}`. */
  readonly body: string;
  /** 1 on the first delivery of this copy, 2 on its first redelivery, ... */
  readonly attempt: number;
  /** The message is done: the broker deletes it. */
  ack(): Promise<void>;
  /** Give up on the message: the broker moves it to the dead-letter queue. */
  deadLetter(reason: string): Promise<void>;
}

interface Copy {
  seq: number;
  id: string;
  body: string;
  attempts: number;
  visibleAt: number;
  done: boolean;
}

export interface Broker {
  publish(id: string, body: string): void;
  /** The next visible copy (oldest first), or the first visible copy of message `id`. */
  receive(id?: string): Delivery | undefined;
  /** Milliseconds until some hidden copy is visible again, or null when nothing is pending. */
  nextVisibleIn(): number | null;
  failAcks(n: number): void;
  acks(): string[];
  deadLetters(): { id: string; reason: string; attempt: number }[];
  pending(): number;
}

export function createBroker(options: { visibilityMs: number; now: () => number }): Broker {
  const copies: Copy[] = [];
  const acked: string[] = [];
  const dead: { id: string; reason: string; attempt: number }[] = [];
  let failing = 0;
  let seq = 0;

  function deliver(copy: Copy): Delivery {
    copy.attempts++;
    copy.visibleAt = options.now() + options.visibilityMs;
    const attempt = copy.attempts;
    return Object.freeze({
      id: copy.id,
      body: copy.body,
      attempt,
      async ack() {
        if (failing > 0) {
          failing--;
          throw new Error("connection to the broker lost before the ack arrived");
        }
        if (!copy.done) acked.push(copy.id);
        copy.done = true;
      },
      async deadLetter(reason: string) {
        if (!copy.done) dead.push({ id: copy.id, reason: String(reason), attempt });
        copy.done = true;
      },
    });
  }

  return {
    publish(id, body) {
      copies.push({ seq: seq++, id, body, attempts: 0, visibleAt: options.now(), done: false });
    },
    receive(id) {
      const now = options.now();
      const copy = copies.find((c) => !c.done && c.visibleAt <= now && (id === undefined || c.id === id));
      return copy === undefined ? undefined : deliver(copy);
    },
    nextVisibleIn() {
      const waiting = copies.filter((c) => !c.done).map((c) => c.visibleAt - options.now());
      return waiting.length === 0 ? null : Math.max(0, Math.min(...waiting));
    },
    failAcks(n) {
      failing = n;
    },
    acks: () => [...acked],
    deadLetters: () => dead.map((d) => ({ ...d })),
    pending: () => copies.filter((c) => !c.done).length,
  };
}
