// Mistake: adds only whole tokens and throws the fraction away, so a client that polls more
// often than one token takes to earn never gets a token back.
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

interface Bucket {
  /** Thousandths of a token: whole numbers keep the arithmetic exact. */
  milli: number;
  /** When `milli` was last brought up to date. */
  at: number;
}

export class TokenBucket {
  private readonly capacityMilli: number;
  private readonly rate: number; // thousandths of a token per millisecond = tokens per second
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: TokenBucketOptions) {
    this.capacityMilli = options.capacity * 1000;
    this.rate = options.refillPerSecond;
    this.now = options.now ?? Date.now;
  }

  take(key: string, cost = 1): TakeResult {
    const now = this.now();
    const bucket = this.refill(key, now);
    const costMilli = cost * 1000;
    if (costMilli > this.capacityMilli) {
      // No amount of waiting fills a bucket past its capacity.
      return { allowed: false, remaining: Math.floor(bucket.milli / 1000), retryAfterMs: Infinity };
    }
    if (bucket.milli >= costMilli) {
      bucket.milli -= costMilli;
      return { allowed: true, remaining: Math.floor(bucket.milli / 1000), retryAfterMs: 0 };
    }
    // A refused request costs nothing: the tokens stay for the next one.
    const retryAfterMs = Math.ceil((costMilli - bucket.milli) / this.rate);
    return { allowed: false, remaining: Math.floor(bucket.milli / 1000), retryAfterMs };
  }

  /** The key's bucket, topped up for the time that passed since it was last seen (a new key starts full). */
  private refill(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { milli: this.capacityMilli, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    // A clock that goes backwards adds nothing, and refilling resumes from the later time.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.milli = Math.min(this.capacityMilli, bucket.milli + Math.floor((elapsed * this.rate) / 1000) * 1000);
    bucket.at = Math.max(bucket.at, now);
    return bucket;
  }
}
