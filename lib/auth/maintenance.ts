/**
 * Housekeeping for the account tables: throttle rows older than a day, expired sessions and rate-limit
 * buckets idle for a day are deleted every hour, so neither table grows without end. Started once per server process
 * (instrumentation.ts); several servers on one database may all run it (the deletes are idempotent).
 */
import "server-only";
import { deleteExpiredSessions } from "./sessions.ts";
import { deleteOldSignInAttempts } from "./users.ts";
import { deleteIdleBuckets } from "../db/buckets.ts";

const HOUR_MS = 3_600_000;
const STARTED_KEY = Symbol.for("serverside.auth.maintenance");
const processGlobal = globalThis as typeof globalThis & { [STARTED_KEY]?: boolean };

/** Deletes what is no longer needed; returns the counts. */
export async function cleanUpAccountTables(): Promise<{
  signInAttempts: number;
  sessions: number;
  buckets: number;
}> {
  const [signInAttempts, sessions, buckets] = await Promise.all([
    deleteOldSignInAttempts(),
    deleteExpiredSessions(),
    deleteIdleBuckets(),
  ]);
  return { signInAttempts, sessions, buckets };
}

/** Runs the clean-up now and every hour (the timer does not keep the process alive). */
export function startAccountMaintenance(): void {
  if (processGlobal[STARTED_KEY]) return;
  processGlobal[STARTED_KEY] = true;
  const run = () =>
    cleanUpAccountTables().catch((error: unknown) =>
      console.error("[serverside] cleaning up account tables failed", error),
    );
  void run();
  setInterval(run, HOUR_MS).unref();
}
