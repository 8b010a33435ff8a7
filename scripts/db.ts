/**
 * Database commands (DATABASE_URL picks SQLite or PostgreSQL, see README.md).
 *   npm run db -- migrate         apply pending migrations (npm start does this too)
 *   npm run db -- new <name>      write a migration for changes to prisma/schema.prisma, for SQLite
 *                                 (prisma/migrations) and PostgreSQL (prisma/postgresql/migrations);
 *                                 the PostgreSQL diff uses MIGRATION_POSTGRES_URL or a throwaway cluster
 *   npm run db -- schema          rewrite prisma/postgresql/schema.prisma from prisma/schema.prisma
 */
import { applyMigrations, createMigration, writePostgresSchema } from "../lib/db/migrate.ts";
import { getDatabaseUrl } from "../lib/env.ts";

const [command, ...args] = process.argv.slice(2);

if (command === "migrate") {
  const applied = await applyMigrations(getDatabaseUrl());
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
} else if (command === "new" && args[0]) {
  const dirs = await createMigration(args[0]);
  console.log(dirs.length ? dirs.map((dir) => `Wrote ${dir}/migration.sql`).join("\n") : "prisma/schema.prisma has no changes: no migration written.");
  console.log("Run `npm run generate` to update the Prisma clients.");
} else if (command === "schema") {
  console.log(writePostgresSchema() ? "Rewrote prisma/postgresql/schema.prisma." : "prisma/postgresql/schema.prisma is up to date.");
} else {
  console.error("usage: npm run db -- migrate | new <name> | schema");
  process.exit(2);
}
