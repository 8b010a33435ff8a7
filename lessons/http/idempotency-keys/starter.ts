export type Handler = (req: Request) => Promise<Response>;

/** What is kept per (client, key). The shape is yours to choose. */
export type IdempotencyRecord = unknown;

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

export function idempotent(inner: Handler, options: IdempotencyOptions): Handler {
  return async (req) => inner(req); // TODO
}
