import type { Subscriber } from "./fanout";
import { parseHeaders, TOLERANCE_SECONDS, verifySignature } from "./signature";
import { createStore, type WebhookEvent, type WebhookStore } from "./store";

export interface AppOptions {
  /** The shared secret the sender signs with. */
  secret: string;
  store?: WebhookStore;
  /** Epoch milliseconds; tests pass their own clock. */
  now?: () => number;
  /** Stage 3: who gets each new event (delivered later by deliverDue). */
  subscribers?: Record<string, Subscriber>;
}

type Handler = (req: Request) => Promise<Response>;

const ORDER_TYPES = new Set(["order.created", "order.paid", "order.shipped", "order.cancelled"]);

/** A decoded path segment, or null when its percent-encoding is broken. */
function segment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function error(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers });
}

function checkEvent(value: unknown): WebhookEvent | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not an object";
  const event = value as Record<string, unknown>;
  if (typeof event.id !== "string" || event.id.length === 0 || event.id.length > 100) return "id must be a string of 1-100 characters";
  if (typeof event.type !== "string" || event.type.length === 0) return "type must be a string";
  if (typeof event.created !== "number" || !Number.isSafeInteger(event.created) || event.created < 0) return "created must be Unix seconds";
  if (typeof event.data !== "object" || event.data === null || Array.isArray(event.data)) return "data must be an object";
  const data = event.data as Record<string, unknown>;
  if (ORDER_TYPES.has(event.type) && (typeof data.orderId !== "string" || data.orderId.length === 0)) return "order events need data.orderId";
  return { id: event.id, type: event.type, created: event.created, data };
}

/** Builds the webhook receiver; every call gets a fresh store unless one is passed in. */
export function createHandler(options: AppOptions): Handler {
  const store = options.store ?? createStore();
  const now = options.now ?? (() => Date.now());

  /** Applies a new event; throws when the store fails, before anything is marked processed. */
  function process(event: WebhookEvent): void {
    store.appendEvent(event);
    if (ORDER_TYPES.has(event.type)) {
      const orderId = event.data.orderId as string;
      const order = store.getOrder(orderId);
      // Events can arrive out of order: an older event never overwrites a newer state.
      if (!order || event.created >= order.updatedAt) {
        store.putOrder({ id: orderId, status: event.type.slice("order.".length), updatedAt: event.created });
      }
      if (event.type === "order.paid") store.addReceipt({ orderId, eventId: event.id });
    }

  }

  async function receive(req: Request): Promise<Response> {
    const headers = parseHeaders(req.headers.get("webhook-timestamp"), req.headers.get("webhook-signature"));
    if (!headers) return error(400, "Webhook-Timestamp and a v1= Webhook-Signature are required.");
    // The exact bytes that were signed: re-serialized JSON is not the same text.
    const body = await req.bytes();
    if (Math.abs(Math.floor(now() / 1000) - headers.timestamp) > TOLERANCE_SECONDS) return error(401, "Timestamp outside the tolerance.");
    if (!verifySignature(options.secret, req.headers.get("webhook-timestamp")!, req.headers.get("webhook-signature")!, body)) {
      return error(401, "Signature does not match.");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return error(400, "The body must be JSON.");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return error(400, "The body must be a JSON object.");
    const event = checkEvent(parsed);
    if (typeof event === "string") return error(422, event);
    if (store.getEvent(event.id)) return Response.json({ received: true, duplicate: true });
    try {
      process(event);
    } catch {
      // 5xx tells the sender to deliver again later: at-least-once delivery does the retrying.
      return error(500, "Could not process the event; deliver it again.");
    }
    return Response.json({ received: true });
  }

  return async function handler(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    if (path === "/webhooks") {
      if (req.method !== "POST") return error(405, "Method not allowed.", { Allow: "POST" });
      return receive(req);
    }
    const order = /^\/orders\/([^/]+)$/.exec(path);
    if (order) {
      if (req.method !== "GET") return error(405, "Method not allowed.", { Allow: "GET" });
      const id = segment(order[1]!);
      const found = id === null ? undefined : store.getOrder(id);
      return found ? Response.json({ id: found.id, status: found.status }) : error(404, "No such order.");
    }
    return error(404, "Not found.");
  };
}
