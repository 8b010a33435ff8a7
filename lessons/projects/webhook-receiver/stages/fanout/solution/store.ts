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

export interface Delivery {
  eventId: string;
  subscriber: string;
  status: "pending" | "delivered" | "dead";
  attempts: number;
  /** Epoch ms after which the next attempt may run. */
  dueAt: number;
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
  addDelivery(delivery: Delivery): void;
  /** Pending deliveries due at `now`, in the order they were added. */
  dueDeliveries(now: number): Delivery[];
  updateDelivery(eventId: string, subscriber: string, changes: Partial<Pick<Delivery, "status" | "attempts" | "dueAt">>): void;
  deliveriesOf(eventId: string): Delivery[];
}

export function createStore(): WebhookStore {
  const log: WebhookEvent[] = [];
  const byId = new Map<string, WebhookEvent>();
  const orders = new Map<string, Order>();
  const receipts: Receipt[] = [];
  const deliveries: Delivery[] = [];
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
    addDelivery(delivery) {
      deliveries.push({ ...delivery });
    },
    dueDeliveries(now) {
      return deliveries.filter((d) => d.status === "pending" && d.dueAt <= now).map((d) => ({ ...d }));
    },
    updateDelivery(eventId, subscriber, changes) {
      const delivery = deliveries.find((d) => d.eventId === eventId && d.subscriber === subscriber);
      if (delivery) Object.assign(delivery, changes);
    },
    deliveriesOf(eventId) {
      return deliveries.filter((d) => d.eventId === eventId).map((d) => ({ ...d }));
    },
  };
}
