// Mistake: one key space for all clients: two clients that choose the same key collide (422, or
// a replay of someone else's payment).
export type Handler = (req: Request) => Promise<Response>;

interface StoredResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/** What is kept per (client, key). */
export type IdempotencyRecord =
  | { state: "in-flight"; fingerprint: string }
  | { state: "done"; fingerprint: string; response: StoredResponse; expiresAt: number };

/** Where records live. A `Map` fits; in production it is a table or Redis, shared by every instance. */
export interface KeyStore {
  get(key: string): IdempotencyRecord | undefined;
  set(key: string, record: IdempotencyRecord): void;
  delete(key: string): void;
}

export interface IdempotencyOptions {
  store: KeyStore;
  /** How long a stored response is replayed, in ms from when it was stored. */
  ttlMs: number;
  /** The clock, in ms; defaults to Date.now. */
  now?: () => number;
}

const MAX_KEY_LENGTH = 255;

function problem(status: number, detail: string): Response {
  return Response.json({ error: detail }, { status });
}

export function idempotent(inner: Handler, options: IdempotencyOptions): Handler {
  const { store, ttlMs } = options;
  const now = options.now ?? Date.now;

  return async (req) => {
    if (req.method !== "POST") return inner(req);
    const client = req.headers.get("authorization");
    if (client === null || client === "") return problem(401, "sign in first");
    const key = req.headers.get("idempotency-key");
    if (key === null || key.trim() === "" || key.length > MAX_KEY_LENGTH) {
      return problem(400, `send an Idempotency-Key header of 1 to ${MAX_KEY_LENGTH} characters`);
    }

    // Read the body before looking at the store, so nothing is awaited between the check and the
    // claim below: two concurrent duplicates cannot both find the key free.
    const body = await req.text();
    const url = new URL(req.url);
    const fingerprint = JSON.stringify([req.method, url.pathname + url.search, body]);
    // Scoped per client: two clients that pick the same key never see each other's responses.
    const storeKey = key;

    let record = store.get(storeKey);
    if (record?.state === "done" && now() >= record.expiresAt) {
      store.delete(storeKey);
      record = undefined;
    }
    if (record !== undefined) {
      if (record.fingerprint !== fingerprint) return problem(422, "this Idempotency-Key was used for a different request");
      if (record.state === "in-flight") return problem(409, "a request with this Idempotency-Key is still being processed");
      const headers = new Headers(record.response.headers);
      headers.set("Idempotent-Replayed", "true");
      return new Response(record.response.body, { status: record.response.status, headers });
    }

    store.set(storeKey, { state: "in-flight", fingerprint });
    let response: Response;
    try {
      response = await inner(new Request(req.url, { method: req.method, headers: req.headers, body }));
    } catch (error) {
      store.delete(storeKey); // nothing happened that a retry should not redo
      throw error;
    }
    if (response.status >= 500) {
      // A server failure is not an answer: release the key so the client's retry runs the work.
      store.delete(storeKey);
      return response;
    }
    const text = await response.text();
    const stored: StoredResponse = { status: response.status, headers: [...response.headers], body: text };
    store.set(storeKey, { state: "done", fingerprint, response: stored, expiresAt: now() + ttlMs });
    return new Response(text, { status: stored.status, headers: stored.headers });
  };
}
