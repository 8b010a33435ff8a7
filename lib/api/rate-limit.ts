/**
 * Per-API-key rate limiting: a token bucket holding `limit` tokens, refilled at limit/60 per second
 * (so a key may burst up to a minute's allowance, then sustain `limit` per minute). Kept in this
 * process's memory: Serverside runs as one server process; several processes would each allow the
 * full rate (documented in the API reference).
 */
import "server-only";

export type RateLimitState = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** When refused: seconds until enough tokens are back. */
  retryAfterSeconds: number;
};

type Bucket = { tokens: number; updatedAt: number };

const globalForBuckets = globalThis as unknown as { serversideApiBuckets?: Map<string, Bucket> };
const buckets = (globalForBuckets.serversideApiBuckets ??= new Map<string, Bucket>());

/** Takes `cost` tokens from `key`'s bucket if it holds that many (cost is capped at the bucket size). */
export function takeTokens(key: string, limitPerMinute: number, cost = 1, now = Date.now()): RateLimitState {
  const ratePerMs = limitPerMinute / 60_000;
  const bucket = buckets.get(key) ?? { tokens: limitPerMinute, updatedAt: now };
  bucket.tokens = Math.min(limitPerMinute, bucket.tokens + (now - bucket.updatedAt) * ratePerMs);
  bucket.updatedAt = now;
  const needed = Math.min(cost, limitPerMinute);
  const allowed = bucket.tokens >= needed;
  if (allowed) bucket.tokens -= needed;
  buckets.set(key, bucket);
  return {
    allowed,
    limit: limitPerMinute,
    remaining: Math.floor(bucket.tokens),
    resetSeconds: Math.ceil((limitPerMinute - bucket.tokens) / ratePerMs / 1000),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((needed - bucket.tokens) / ratePerMs / 1000)),
  };
}

/** RateLimit headers (IETF draft "RateLimit header fields for HTTP") for a response. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
    "RateLimit-Policy": `${state.limit};w=60`,
  };
}
