export interface WebhookEvent {
  id: string;
  type: string;
  /** When the sender created the event, in Unix seconds. */
  created: number;
  data: Record<string, unknown>;
}

export interface WebhookStore {
  /** Appends a processed event to the log. */
  appendEvent(event: WebhookEvent): void;
  getEvent(id: string): WebhookEvent | undefined;
  /** Every processed event, in the order they were appended. */
  events(): WebhookEvent[];
}

export function createStore(): WebhookStore {
  const log: WebhookEvent[] = [];
  const byId = new Map<string, WebhookEvent>();
  return {
    appendEvent(event) {
      const copy = structuredClone(event);
      log.push(copy);
      byId.set(copy.id, copy);
    },
    getEvent(id) {
      const event = byId.get(id);
      return event && structuredClone(event);
    },
    events() {
      return structuredClone(log);
    },
  };
}
