export interface TokenBucketOptions {
  /** The most tokens a bucket holds: the largest burst (a whole number, at least 1). */
  capacity: number;
  /** Tokens added per second (a whole number, at least 1). */
  refillPerSecond: number;
  /** The clock, in milliseconds. Defaults to Date.now. */
  now?: () => number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left in the bucket after this call. */
  remaining: number;
  /** 0 when allowed; otherwise how many ms until the request could succeed (Infinity if never). */
  retryAfterMs: number;
}

export class TokenBucket {
  private readonly options: TokenBucketOptions;

  constructor(options: TokenBucketOptions) {
    this.options = options;
  }

  take(key: string, cost = 1): TakeResult {
    // TODO: one bucket per key, refilled for the time that passed, then take `cost` tokens if there are enough.
    return { allowed: true, remaining: this.options.capacity, retryAfterMs: 0 };
  }
}
