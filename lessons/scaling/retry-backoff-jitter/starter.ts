export interface RetryOptions {
  /** Attempts in all, the first one included (a whole number, at least 1). */
  maxAttempts: number;
  /** The backoff ceiling before the first retry, in ms; it doubles for each retry after that. */
  baseDelayMs: number;
  /** The largest backoff ceiling, in ms; also the longest Retry-After the client is willing to wait. */
  maxDelayMs: number;
  /** A random number in [0, 1). Defaults to Math.random. */
  random?: () => number;
  /** Waits the given number of ms. Defaults to a setTimeout-based sleep. */
  sleep?: (ms: number) => Promise<void>;
}

/** Sends `request` with `send`, retrying failures that are safe and worth retrying. */
export async function sendWithRetry(
  request: Request,
  send: (request: Request) => Promise<Response>,
  options: RetryOptions,
): Promise<Response> {
  // TODO: retry idempotent requests on network errors and 408/429/5xx, with full-jitter backoff.
  return send(request);
}
