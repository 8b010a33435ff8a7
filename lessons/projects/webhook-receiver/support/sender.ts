// How the tests send webhooks, as a real sender (Stripe, GitHub, ...) would. You can read it, and use
// it in your own tests.
export const BASE = "http://hooks.test";
export type Handle = (req: Request) => Promise<Response>;

/** The hex HMAC-SHA256 of `<timestamp>.<body>` with `secret`: what the sender puts after `v1=`. */
export function hmacHex(secret: string, timestamp: string, body: string | Uint8Array): string {
  return crypto.createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

export interface SendOptions {
  secret: string;
  /** Unix seconds (or any text, to send a malformed header); default: the `now` given, in seconds. */
  timestamp?: number | string;
  now?: number;
  /** The whole Webhook-Signature header; default `v1=<hmacHex(secret, timestamp, body)>`. */
  signature?: string;
  /** Headers to leave out. */
  omit?: string[];
}

/** POSTs `body` (an event object, sent as JSON, or the exact text or bytes) to /webhooks, signed. */
export function send(handle: Handle, body: unknown, options: SendOptions): Promise<Response> {
  const raw = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor((options.now ?? Date.now()) / 1000));
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "Webhook-Timestamp": timestamp,
    "Webhook-Signature": options.signature ?? `v1=${hmacHex(options.secret, timestamp, raw)}`,
  };
  for (const name of options.omit ?? []) delete headers[name];
  return handle(new Request(`${BASE}/webhooks`, { method: "POST", headers, body: raw }));
}
