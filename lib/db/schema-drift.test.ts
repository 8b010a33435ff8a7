import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import pg from "pg";
import { applyMigrations, derivePostgresSchema, migrationDrift } from "./migrate.ts";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.ts";

// Both migration folders must build exactly the schema in prisma/schema.prisma. A schema change
// without `npm run db -- new <name>`, or a migration added for one database only, fails here with
// the SQL that is missing.

let cluster: ThrowawayPostgres | null = null;
let skipReason = "";

before(async () => {
  const started = await startThrowawayPostgres();
  if ("skip" in started) skipReason = started.skip;
  else cluster = started;
});

after(() => cluster?.stop());

test("prisma/postgresql/schema.prisma is derived from prisma/schema.prisma (npm run db -- schema)", () => {
  const expected = derivePostgresSchema(fs.readFileSync("prisma/schema.prisma", "utf8"));
  assert.equal(fs.readFileSync("prisma/postgresql/schema.prisma", "utf8"), expected);
});

test("the SQLite migrations build prisma/schema.prisma exactly", async () => {
  const drift = await migrationDrift("sqlite", undefined, () => {});
  assert.equal(
    drift,
    "",
    `prisma/migrations is behind prisma/schema.prisma; run npm run db -- new <name>. Missing:\n${drift}`,
  );
});

test("the PostgreSQL migrations build prisma/schema.prisma exactly", async (t) => {
  if (!cluster) return t.skip(`PostgreSQL drift check skipped: ${skipReason}`);
  const drift = await migrationDrift("postgresql", cluster.serverUrl, () => {});
  assert.equal(
    drift,
    "",
    `prisma/postgresql/migrations is behind prisma/schema.prisma; run npm run db -- new <name>. Missing:\n${drift}`,
  );
});

test("two servers migrating one PostgreSQL database at once apply each migration once", async (t) => {
  if (!cluster) return t.skip(`PostgreSQL migration check skipped: ${skipReason}`);
  const url = await cluster.createDatabase("migrate_race");
  const [first, second] = await Promise.all([applyMigrations(url, () => {}), applyMigrations(url, () => {})]);
  const folders = fs
    .readdirSync("prisma/postgresql/migrations")
    .filter((name) => /^\d+_/.test(name))
    .sort();
  assert.deepEqual([...first, ...second].sort(), folders, "every migration applied by exactly one of them");
  assert.deepEqual(await applyMigrations(url, () => {}), []);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name",
    );
    assert.deepEqual(
      rows.rows.map((row) => row.migration_name),
      folders,
    );
    const tables = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    for (const table of ["User", "Session", "Submission", "IdempotencyRecord"]) {
      assert.ok(
        tables.rows.some((row) => row.tablename === table),
        `table ${table} exists`,
      );
    }
  } finally {
    await client.end();
  }
});
