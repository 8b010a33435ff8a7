/**
 * The one Prisma client of the process, through a driver adapter (no native query engine, works
 * offline): better-sqlite3 for the embedded SQLite default (file: URLs), node-postgres for
 * postgresql:// URLs. The two generated clients come from the same models (prisma/schema.prisma and
 * the PostgreSQL schema derived from it), so they share one type.
 */
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma-pg/client.ts";
import { env, getDatabaseUrl } from "./env.ts";
import { databaseProvider } from "./db/provider.ts";
import { StatementReusingSqliteFactory } from "./db/sqlite-statements.ts";

/** The database this process uses: "sqlite" or "postgresql". */
export const dbProvider = databaseProvider(getDatabaseUrl());

function createClient(): PrismaClient {
  const url = getDatabaseUrl();
  if (dbProvider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: url, max: env.DATABASE_POOL_SIZE });
    // Same models, same methods; the generated types differ only in provider-specific extras.
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  // Prepared statements are reused across queries (lib/db/sqlite-statements.ts).
  const adapter = new StatementReusingSqliteFactory({ url });
  return new PrismaClient({ adapter });
}

// Reuse one client across hot reloads in development (each reload would otherwise open a new one).
const globalForDb = globalThis as unknown as { serversideDb?: PrismaClient };
export const db: PrismaClient = globalForDb.serversideDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.serversideDb = db;
