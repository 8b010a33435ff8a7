/**
 * Per-API-key rate limiting: a token bucket holding `limit` tokens, refilled at limit/60 per second
 * (so a key may burst up to a minute's allowance, then sustain `limit` per minute). The bucket is a
 * database row (lib/db/buckets.ts): one budget per key across every app server, kept over restarts.
 */
import "server-only";
import { takeFromBucket } from "../db/buckets.ts";

export type RateLimitState = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** When refused: seconds until enough tokens are back. */
  retryAfterSeconds: number;
};

/** Takes `cost` tokens from API key `keyId`'s bucket if it holds that many (cost is capped at the bucket size). */
export async function takeTokens(
  keyId: string,
  limitPerMinute: number,
  cost = 1,
  now = Date.now(),
): Promise<RateLimitState> {
  const needed = Math.min(cost, limitPerMinute);
  const result = await takeFromBucket({
    key: `api:${keyId}`,
    capacity: limitPerMinute,
    refillPerMinute: limitPerMinute,
    need: needed,
    cost: needed,
    now,
  });
  return {
    allowed: result.granted,
    limit: limitPerMinute,
    remaining: Math.max(0, Math.floor(result.tokens)),
    resetSeconds: result.resetSeconds,
    retryAfterSeconds: result.retryAfterSeconds,
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
