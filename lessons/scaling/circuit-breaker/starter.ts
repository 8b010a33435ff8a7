export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (a whole number, at least 1). */
  failureThreshold: number;
  /** How long the circuit stays open before one trial call is let through, in ms. */
  resetTimeoutMs: number;
  /** The clock, in milliseconds. Defaults to Date.now. */
  now?: () => number;
}

/** The error a call gets when the breaker refuses it without calling the service. */
export class CircuitOpenError extends Error {
  constructor() {
    super("circuit open: the service is failing, not calling it");
    this.name = "CircuitOpenError";
  }
}

export class CircuitBreaker {
  private readonly options: CircuitBreakerOptions;

  constructor(options: CircuitBreakerOptions) {
    this.options = options;
  }

  get state(): CircuitState {
    return "closed";
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    // TODO: count consecutive failures, open the circuit, let one trial through after the timeout.
    return fn();
  }
}
