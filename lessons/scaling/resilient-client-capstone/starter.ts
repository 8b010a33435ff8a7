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

/** Returns a function that sends requests through a concurrency limit, a timeout, retries and a circuit breaker. */
export function createClient(options: ClientOptions): (request: Request) => Promise<Response> {
  // TODO: limit, time out, retry with full jitter, and break the circuit.
  return (request) => options.send(request);
}
