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

// RFC 9110 section 9.2.2: repeating these has the same effect on the server as sending them once.
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The Retry-After header in ms when it is in delta-seconds form; null otherwise. */
function retryAfterMs(response: Response): number | null {
  const value = response.headers.get("retry-after")?.trim();
  return value !== undefined && /^\d+$/.test(value) ? Number(value) * 1000 : null;
}

/** Sends `request` with `send`, retrying failures that are safe and worth retrying. */
export async function sendWithRetry(
  request: Request,
  send: (request: Request) => Promise<Response>,
  options: RetryOptions,
): Promise<Response> {
  const { maxAttempts, baseDelayMs, maxDelayMs } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError("maxAttempts must be a whole number, at least 1");
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  // A retry must not do twice what the client meant to do once.
  const safeToRetry = IDEMPOTENT_METHODS.has(request.method) || request.headers.has("idempotency-key");

  for (let attempt = 1; ; attempt++) {
    const last = !safeToRetry || attempt === maxAttempts;
    let response: Response;
    try {
      // A body can be read once: every attempt gets its own copy.
      response = await send(request.clone());
    } catch (error) {
      if (last) throw error;
      await sleep(backoff(attempt));
      continue;
    }
    if (last || !RETRYABLE_STATUSES.has(response.status)) return response;
    let delay = backoff(attempt);
    const asked = retryAfterMs(response);
    if (asked !== null) {
      if (asked > maxDelayMs) return response; // longer than we are willing to wait
      delay = Math.max(delay, asked);
    }
    await sleep(delay);
  }

  /** Full jitter: a uniformly random wait between 0 and the capped exponential ceiling. */
  function backoff(attempt: number): number {
    return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
  }
}
