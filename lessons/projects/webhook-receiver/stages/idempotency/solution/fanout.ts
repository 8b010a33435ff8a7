import type { WebhookEvent, WebhookStore } from "./store";

export type Subscriber = (event: WebhookEvent) => void | Promise<void>;

export const MAX_ATTEMPTS = 5;

/** Milliseconds to wait after the `attempts`-th failed attempt: 1 s, 2 s, 4 s, 8 s. */
export function backoffMs(attempts: number): number {
  // TODO (stage 3)
  return attempts;
}

export interface DeliverOptions {
  store: WebhookStore;
  subscribers: Record<string, Subscriber>;
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
}

/** Runs every delivery that is due, oldest first; returns how many attempts it made. */
export async function deliverDue(options: DeliverOptions): Promise<number> {
  // TODO (stage 3)
  void options;
  return 0;
}
