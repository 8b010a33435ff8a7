/** The database check behind GET /api/health (app/ reaches the database only through lib/). */
import "server-only";
import { db } from "../db.ts";

/** Resolves when the database answers a trivial query; rejects with the driver's error otherwise. */
export async function pingDatabase(): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
