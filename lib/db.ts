/**
 * The one Prisma client of the process, on the embedded SQLite database through the better-sqlite3
 * driver adapter (no native query engine, works offline).
 */
import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client.ts";
import { getDatabaseUrl } from "./env.ts";

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: getDatabaseUrl() });
  return new PrismaClient({ adapter });
}

// Reuse one client across hot reloads in development (each reload would otherwise open a new one).
const globalForDb = globalThis as unknown as { serversideDb?: PrismaClient };
export const db: PrismaClient = globalForDb.serversideDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.serversideDb = db;
