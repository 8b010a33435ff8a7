/**
 * Database commands (DATABASE_URL picks SQLite or PostgreSQL, see README.md).
 *   npm run db -- migrate         apply pending migrations (npm start does this too)
 *   npm run db -- new <name>      write a migration for changes to prisma/schema.prisma, for SQLite
 *                                 (prisma/migrations) and PostgreSQL (prisma/postgresql/migrations);
 *                                 the PostgreSQL diff uses MIGRATION_POSTGRES_URL or a throwaway cluster
 *   npm run db -- schema          rewrite prisma/postgresql/schema.prisma from prisma/schema.prisma
 *   npm run db -- backup <file>   copy the SQLite database to <file> with SQLite's online backup API
 *                                 (safe while the server runs); PostgreSQL: pg_dump (docs/deployment.md)
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations, createMigration, writePostgresSchema } from "../lib/db/migrate.ts";
import { databaseProvider } from "../lib/db/provider.ts";
import { getDatabaseUrl } from "../lib/env.ts";

const [command, ...args] = process.argv.slice(2);

if (command === "migrate") {
  const applied = await applyMigrations(getDatabaseUrl());
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
      : "Database is up to date.",
  );
} else if (command === "new" && args[0]) {
  const dirs = await createMigration(args[0]);
  console.log(
    dirs.length
      ? dirs.map((dir) => `Wrote ${dir}/migration.sql`).join("\n")
      : "prisma/schema.prisma has no changes: no migration written.",
  );
  console.log("Run `npm run generate` to update the Prisma clients.");
} else if (command === "schema") {
  console.log(
    writePostgresSchema()
      ? "Rewrote prisma/postgresql/schema.prisma."
      : "prisma/postgresql/schema.prisma is up to date.",
  );
} else if (command === "backup" && args[0]) {
  const url = getDatabaseUrl();
  if (databaseProvider(url) !== "sqlite") {
    console.error(
      "backup copies a SQLite database; for PostgreSQL use pg_dump (docs/deployment.md, Backups).",
    );
    process.exit(2);
  }
  const target = path.resolve(args[0]);
  if (fs.existsSync(target)) {
    console.error(`${target} exists: choose a new file name.`);
    process.exit(2);
  }
  const source = new Database(url.slice("file:".length), { readonly: true, fileMustExist: true });
  // The online backup API copies pages while the server keeps reading and writing (WAL mode).
  const { totalPages } = await source.backup(target);
  source.close();
  const copy = new Database(target, { readonly: true });
  const check = copy.pragma("integrity_check", { simple: true });
  copy.close();
  if (check !== "ok") {
    console.error(`The copy failed SQLite's integrity check: ${String(check)}`);
    process.exit(1);
  }
  console.log(`Backed up ${totalPages} pages to ${target} (integrity check ok).`);
} else {
  console.error("usage: npm run db -- migrate | new <name> | schema | backup <file>");
  process.exit(2);
}
