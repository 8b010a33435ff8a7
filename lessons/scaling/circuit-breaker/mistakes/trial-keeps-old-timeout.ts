// Mistake: a failed trial does not restart the timeout, so the breaker is half-open again at once
// and keeps probing a service that is still down.
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
  private readonly threshold: number;
  private readonly resetTimeoutMs: number;
  private readonly now: () => number;
  private failures = 0;
  private openedAt: number | null = null; // null while closed
  private trialRunning = false;

  constructor(options: CircuitBreakerOptions) {
    this.threshold = options.failureThreshold;
    this.resetTimeoutMs = options.resetTimeoutMs;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === null) return "closed";
    if (this.trialRunning || this.now() - this.openedAt >= this.resetTimeoutMs) return "half-open";
    return "open";
  }

  async call<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    // While open, and while a trial is already running, refuse without touching the service.
    if (state === "open" || (state === "half-open" && this.trialRunning)) throw new CircuitOpenError();
    const trial = state === "half-open";
    if (trial) this.trialRunning = true;
    try {
      const value = await fn();
      this.failures = 0;
      this.openedAt = null;
      return value;
    } catch (error) {
      this.failures += 1;
      // A failed trial opens the circuit again for a full timeout.
      if (!trial && this.failures >= this.threshold) this.openedAt = this.now();
      throw error;
    } finally {
      if (trial) this.trialRunning = false;
    }
  }
}
