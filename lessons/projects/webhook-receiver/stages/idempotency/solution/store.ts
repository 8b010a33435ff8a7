export interface WebhookEvent {
  id: string;
  type: string;
  /** When the sender created the event, in Unix seconds. */
  created: number;
  data: Record<string, unknown>;
}

export interface Order {
  id: string;
  status: string;
  /** `created` of the event that set the status. */
  updatedAt: number;
}

export interface Receipt {
  orderId: string;
  eventId: string;
}

export interface WebhookStore {
  /** Appends a processed event to the log. */
  appendEvent(event: WebhookEvent): void;
  getEvent(id: string): WebhookEvent | undefined;
  /** Every processed event, in the order they were appended. */
  events(): WebhookEvent[];
  getOrder(id: string): Order | undefined;
  putOrder(order: Order): void;
  addReceipt(receipt: Receipt): void;
  receipts(): Receipt[];
}

export function createStore(): WebhookStore {
  const log: WebhookEvent[] = [];
  const byId = new Map<string, WebhookEvent>();
  const orders = new Map<string, Order>();
  const receipts: Receipt[] = [];
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
    getOrder(id) {
      const order = orders.get(id);
      return order && { ...order };
    },
    putOrder(order) {
      orders.set(order.id, { ...order });
    },
    addReceipt(receipt) {
      receipts.push({ ...receipt });
    },
    receipts() {
      return receipts.map((r) => ({ ...r }));
    },
  };
}
