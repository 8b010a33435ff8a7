/**
 * Database commands.
 *   npm run db -- migrate         apply pending migrations (npm start does this too)
 *   npm run db -- new <name>      write a migration for changes to prisma/schema.prisma
 */
import { applyMigrations, createMigration } from "../lib/db/migrate.ts";
import { getDatabaseUrl } from "../lib/env.ts";

const [command, ...args] = process.argv.slice(2);

if (command === "migrate") {
  const applied = await applyMigrations(getDatabaseUrl());
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
} else if (command === "new" && args[0]) {
  const dir = await createMigration(args[0]);
  console.log(dir ? `Wrote ${dir}/migration.sql` : "prisma/schema.prisma has no changes: no migration written.");
} else {
  console.error("usage: npm run db -- migrate | new <name>");
  process.exit(2);
}
