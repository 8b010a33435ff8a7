export interface ClientOptions {
  /** Sends one attempt to the service. */
  send: (request: Request) => Promise<Response>;
  /** Attempts in flight at once, across all requests (a whole number, at least 1). */
  maxConcurrent: number;
  /** How long one attempt may take before it fails with a TimeoutError, in ms. */
  timeoutMs: number;
  /** Attempts per request, the first included (a whole number, at least 1). */
  maxAttempts: number;
  /** The backoff ceiling before the first retry, in ms; it doubles for each retry after that. */
  baseDelayMs: number;
  /** The largest backoff ceiling, in ms. */
  maxDelayMs: number;
  /** Consecutive failed attempts that open the circuit (a whole number, at least 1). */
  failureThreshold: number;
  /** How long the circuit stays open before one trial attempt is let through, in ms. */
  resetTimeoutMs: number;
  /** A random number in [0, 1). Defaults to Math.random. */
  random?: () => number;
}

/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends Error {
  constructor() {
    super("the service did not answer in time");
    this.name = "TimeoutError";
  }
}

/** The circuit is open: the attempt was refused without calling the service. */
export class CircuitOpenError extends Error {
  constructor() {
    super("circuit open: the service is failing, not calling it");
    this.name = "CircuitOpenError";
  }
}

// RFC 9110 section 9.2.2: repeating these has the same effect as sending them once.
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

type Attempt = { response: Response } | { error: unknown };

/** Returns a function that sends requests through a concurrency limit, a timeout, retries and a circuit breaker. */
export function createClient(options: ClientOptions): (request: Request) => Promise<Response> {
  const { send, maxConcurrent, timeoutMs, maxAttempts, baseDelayMs, maxDelayMs, failureThreshold, resetTimeoutMs } = options;
  const random = options.random ?? Math.random;

  // Concurrency limit: a counter and a FIFO queue of attempts waiting for a slot.
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  function acquire(): Promise<void> {
    if (inFlight < maxConcurrent) {
      inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  }
  function release(): void {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight to the next attempt in line
    else inFlight--;
  }

  // Circuit breaker: consecutive failures, when it opened, whether a trial is running.
  let failures = 0;
  let openedAt: number | null = null;
  let trialRunning = false;
  const circuit = () => {
    if (openedAt === null) return "closed";
    return Date.now() - openedAt >= resetTimeoutMs ? "half-open" : "open";
  };

  /** One attempt with a timeout. Never rejects: the outcome is a value. */
  function attemptOnce(request: Request): Promise<Attempt> {
    return new Promise<Attempt>((resolve) => {
      const timer = setTimeout(() => resolve({ error: new TimeoutError() }), timeoutMs);
      let sent: Promise<Response>;
      try {
        sent = Promise.resolve(send(request.clone()));
      } catch (error) {
        sent = Promise.reject(error);
      }
      // Both handlers are attached, so a late rejection after the timeout is handled too.
      sent.then(
        (response) => (clearTimeout(timer), resolve({ response })),
        (error: unknown) => (clearTimeout(timer), resolve({ error })),
      );
    });
  }

  const backoff = (retry: number) => Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1)));
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  return async function request(request: Request): Promise<Response> {
    const safeToRetry = IDEMPOTENT_METHODS.has(request.method) || request.headers.has("idempotency-key");
    const firstState = circuit();
    if (firstState === "open") throw new CircuitOpenError();
    for (let attempt = 1; ; attempt++) {
      await acquire();
      let outcome: Attempt;
      let trial = false;
      try {
        const state = circuit();
        // Never retry into an open circuit: refuse without calling the service.
        if (attempt === 1 && state === "half-open" && trialRunning) throw new CircuitOpenError();
        trial = state === "half-open";
        if (trial) trialRunning = true;
        outcome = await attemptOnce(request);
      } finally {
        release(); // a timed-out attempt frees its slot at the timeout
      }
      const failed = "error" in outcome || outcome.response.status >= 500;
      if (trial) trialRunning = false;
      if (failed) {
        failures++;
        if (trial || failures >= failureThreshold) openedAt = Date.now();
      } else {
        failures = 0;
        openedAt = null;
      }
      const retryable = "error" in outcome || RETRYABLE_STATUSES.has(outcome.response.status);
      if (!safeToRetry || !retryable || attempt === maxAttempts) {
        if ("error" in outcome) throw outcome.error;
        return outcome.response;
      }
      await sleep(backoff(attempt)); // backing off holds no slot
    }
  };
}
