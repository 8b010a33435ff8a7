import type { WebhookEvent, WebhookStore } from "./store";

export type Subscriber = (event: WebhookEvent) => void | Promise<void>;

export const MAX_ATTEMPTS = 5;

/** Milliseconds to wait after the `attempts`-th failed attempt: 1 s, 2 s, 4 s, 8 s. */
export function backoffMs(attempts: number): number {
  return 1000 * 2 ** (attempts - 1);
}

export interface DeliverOptions {
  store: WebhookStore;
  subscribers: Record<string, Subscriber>;
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
}

/** Runs every delivery that is due, oldest first; returns how many attempts it made. */
export async function deliverDue(options: DeliverOptions): Promise<number> {
  const { store, subscribers } = options;
  const now = options.now ?? (() => Date.now());
  let attempts = 0;
  for (const delivery of store.dueDeliveries(now())) {
    const subscriber = Object.hasOwn(subscribers, delivery.subscriber) ? subscribers[delivery.subscriber] : undefined;
    const event = store.getEvent(delivery.eventId);
    if (!subscriber || !event) continue;
    attempts++;
    try {
      // Awaited: a rejected promise is a failure like a thrown error.
      void subscriber(event);

      store.updateDelivery(delivery.eventId, delivery.subscriber, { status: "delivered", attempts: delivery.attempts + 1 });
    } catch {
      const tries = delivery.attempts + 1;
      store.updateDelivery(delivery.eventId, delivery.subscriber,
        tries >= MAX_ATTEMPTS ? { status: "dead", attempts: tries } : { attempts: tries, dueAt: now() + backoffMs(tries) });
    }
  }
  return attempts;
}
