import type { Subscriber } from "./fanout";
import { createStore, type WebhookStore } from "./store";

export interface AppOptions {
  /** The shared secret the sender signs with. */
  secret: string;
  store?: WebhookStore;
  /** Epoch milliseconds; tests pass their own clock. */
  now?: () => number;
  /** Stage 3: who gets each new event (delivered later by deliverDue). */
  subscribers?: Record<string, Subscriber>;
}

function error(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers });
}

/** Builds the webhook receiver; every call gets a fresh store unless one is passed in. */
export function createHandler(options: AppOptions): (req: Request) => Promise<Response> {
  const store = options.store ?? createStore();
  const now = options.now ?? (() => Date.now());
  void store;
  void now;

  return async function handler(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    // TODO (stage 1): POST /webhooks, verified.
    void path;
    return error(404, "Not found.");
  };
}
