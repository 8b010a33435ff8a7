export interface WebhookEvent {
  id: string;
  type: string;
  /** When the sender created the event, in Unix seconds. */
  created: number;
  data: Record<string, unknown>;
}

// TODO (stage 2): orders and receipts.  TODO (stage 3): deliveries.
export interface WebhookStore {
  /** Appends a processed event to the log. */
  appendEvent(event: WebhookEvent): void;
  getEvent(id: string): WebhookEvent | undefined;
  /** Every processed event, in the order they were appended. */
  events(): WebhookEvent[];
}

export function createStore(): WebhookStore {
  const log: WebhookEvent[] = [];
  return {
    appendEvent(event) {
      // TODO (stage 1)
      void event;
    },
    getEvent(id) {
      return log.find((event) => event.id === id);
    },
    events() {
      return [...log];
    },
  };
}
