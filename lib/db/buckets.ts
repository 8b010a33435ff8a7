/**
 * Token buckets in the database (the RateLimitBucket table), so a limit is one budget across every
 * app server on the same database and survives a restart. Each take is one atomic
 * INSERT ... ON CONFLICT DO UPDATE ... RETURNING statement (SQLite and PostgreSQL both have it): two
 * servers taking from one bucket at once are serialised by the row, never both granted the last token.
 */
import "server-only";
import { Prisma } from "../generated/prisma/client.ts";
import { db, dbProvider } from "../db.ts";

export interface BucketTake {
  /** Bucket name, e.g. "api:<key id>". */
  key: string;
  /** Most tokens the bucket holds (and holds when new). */
  capacity: number;
  /** Tokens added per minute, up to capacity. */
  refillPerMinute: number;
  /** Granted only if the bucket holds at least this many (may be <= 0: always granted). */
  need: number;
  /** Taken when granted (may exceed what is there: the bucket goes into debt). */
  cost: number;
  now?: number;
}

export interface BucketResult {
  granted: boolean;
  /** Tokens left after the take. */
  tokens: number;
  /** Seconds until the bucket holds `need` again (0 when granted). */
  retryAfterSeconds: number;
  /** Seconds until the bucket is full. */
  resetSeconds: number;
}

/** Takes from a bucket in one statement; see BucketTake for the rules. */
export async function takeFromBucket(take: BucketTake): Promise<BucketResult> {
  const now = take.now ?? Date.now();
  const rate = take.refillPerMinute / 60_000;
  const fresh = take.capacity >= take.need;
  const least = Prisma.raw(dbProvider === "postgresql" ? "LEAST" : "MIN");
  const num = (value: number) => Prisma.sql`CAST(${value} AS DOUBLE PRECISION)`;
  // SET expressions read the row as it was before this statement, in both databases.
  const refilled = Prisma.sql`${least}(${num(take.capacity)}, "RateLimitBucket"."tokens" + (${num(now)} - "RateLimitBucket"."refilledAt") * ${num(rate)})`;
  const rows = await db.$queryRaw<{ tokens: number; granted: boolean | number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "tokens", "granted", "refilledAt")
    VALUES (${take.key}, ${num(fresh ? take.capacity - take.cost : take.capacity)}, ${fresh}, ${num(now)})
    ON CONFLICT ("key") DO UPDATE SET
      "tokens" = CASE WHEN ${refilled} >= ${num(take.need)} THEN ${refilled} - ${num(take.cost)} ELSE ${refilled} END,
      "granted" = (${refilled} >= ${num(take.need)}),
      "refilledAt" = ${num(now)}
    RETURNING "tokens", "granted"`;
  const row = rows[0];
  if (!row) throw new Error(`rate limit bucket ${take.key}: no row returned`);
  const tokens = Number(row.tokens);
  const granted = Boolean(row.granted);
  const perSecond = rate * 1000;
  return {
    granted,
    tokens,
    retryAfterSeconds: granted ? 0 : Math.max(1, Math.ceil((take.need - tokens) / perSecond)),
    resetSeconds: Math.max(0, Math.ceil((take.capacity - tokens) / perSecond)),
  };
}

/** Deletes buckets idle for a day (full again long since; a missing row is a full bucket). */
export async function deleteIdleBuckets(now = Date.now()): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({
    where: { refilledAt: { lt: now - 24 * 60 * 60 * 1000 } },
  });
  return count;
}

/** Counts one request for `key` against `limitPerMinute` (a burst of up to that many, refilled over a minute). */
export async function takeRequest(
  key: string,
  limitPerMinute: number,
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const result = await takeFromBucket({
    key,
    capacity: limitPerMinute,
    refillPerMinute: limitPerMinute,
    need: 1,
    cost: 1,
    now,
  });
  return result.granted ? { ok: true } : { ok: false, retryAfterSeconds: result.retryAfterSeconds };
}

/**
 * A budget of worker time per key, shared by every app server (it replaced an in-memory one with
 * the same rules): a bucket of `msPerMinute`
 * refilled at that rate; a job may start while it is not in debt and is charged its real cost after.
 */
export function createSharedWorkerTimeBudget({ msPerMinute }: { msPerMinute: number }) {
  const bucket = (key: string, need: number, cost: number, now?: number) =>
    takeFromBucket({
      key: `worker:${key}`,
      capacity: msPerMinute,
      refillPerMinute: msPerMinute,
      need,
      cost,
      now,
    });
  return {
    /** Whether `key` may start a job now; when not, the seconds until its budget is positive again. */
    async check(key: string, now?: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
      const result = await bucket(key, 0, 0, now);
      return result.granted ? { ok: true } : { ok: false, retryAfterSeconds: result.retryAfterSeconds };
    },
    /** Charges `ms` of worker time to `key`, into debt if need be. */
    async charge(key: string, ms: number, now?: number): Promise<void> {
      await bucket(key, -Number.MAX_SAFE_INTEGER, ms, now);
    },
  };
}
