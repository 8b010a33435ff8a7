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

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const BASE_DELAY_MS = 200;

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or null when absent or invalid. */
function retryAfterMs(value: string | null): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function fetchJson(url: string, options: FetchJsonOptions = {}): Promise<unknown> {
  const method = (options.method ?? "GET").toUpperCase();
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const canRetry = IDEMPOTENT_METHODS.has(method) || options.idempotencyKey !== undefined;
  const attempts = canRetry ? (options.retries ?? 2) + 1 : 1;

  const headers: Record<string, string> = { accept: "application/json" };
  if (options.idempotencyKey !== undefined) headers["idempotency-key"] = options.idempotencyKey;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }

  for (let attempt = 1; ; attempt++) {
    const backoff = BASE_DELAY_MS * 2 ** (attempt - 1);
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { method, headers, body }); // no deadline: a hung server hangs the caller
      text = await res.text();
    } catch (error) {
      // A network failure or a timeout: nothing came back, so try again while attempts remain.
      if (attempt >= attempts) throw error;
      await sleep(backoff);
      continue;
    }
    if (res.ok) return text === "" ? null : JSON.parse(text);
    const error = new HttpError(res.status, text);
    if (!RETRYABLE_STATUS.has(res.status) || attempt >= attempts) throw error;
    const asked = retryAfterMs(res.headers.get("retry-after"));
    if (asked !== null && asked > maxWaitMs) throw error;
    await sleep(asked ?? backoff);
  }
}
