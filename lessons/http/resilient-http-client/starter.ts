/** Thrown when the server's final answer is not a 2xx: the status and the body, for the caller to decide. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}`);
    this.name = "HttpError";
  }
}

export interface FetchJsonOptions {
  method?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Deadline of each attempt in ms (default 2000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** Makes a POST or PATCH safe to retry; sent as the Idempotency-Key header. */
  idempotencyKey?: string;
  /** Longest wait a Retry-After may ask for before giving up instead (default 10000 ms). */
  maxWaitMs?: number;
}

export async function fetchJson(url: string, options: FetchJsonOptions = {}): Promise<unknown> {
  // One attempt, no deadline, no retries: a slow or flaky server breaks this caller.
  const res = await fetch(url, { method: options.method ?? "GET" });
  return res.json();
}
