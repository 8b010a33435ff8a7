import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import pg from "pg";
import { applyMigrations } from "../lib/db/migrate.ts";
import { findPostgresBin } from "../lib/db/throwaway-postgres.ts";
import { testDatabaseUrl } from "../lib/db/test-database.ts";

// docs/deployment.md's PostgreSQL backup, exactly as written there: pg_dump --format=custom of a
// database being written to, pg_restore --no-owner into an empty database, then the app's migrations
// find nothing to do. PostgreSQL only: `npm run test:pg` runs it (on SQLite, scripts/db-backup.test.ts).

const run = promisify(execFile);
const onPostgres = Boolean(process.env.TEST_POSTGRES_URL);

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

test(
  "PostgreSQL: pg_dump while the app writes, pg_restore into an empty database, the app finds it up to date",
  { skip: !onPostgres && "PostgreSQL only (npm run test:pg)" },
  async () => {
    const bin = findPostgresBin();
    assert.ok(bin, "pg_dump and pg_restore come with initdb");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-pgdump-"));
    const source = await testDatabaseUrl(dir, "dump_source");
    await applyMigrations(source, () => {});
    const insert = (client: pg.Client, id: string) =>
      client.query(
        `INSERT INTO "User" (id, email, role, "createdAt", "updatedAt") VALUES ($1, $2, 'learner', now(), now())`,
        [id, `${id}@example.com`],
      );
    const file = path.join(dir, "serverside.dump");
    const restored = await testDatabaseUrl(dir, "dump_restored");
    try {
      await withClient(source, async (client) => {
        await insert(client, "before");
        // Like a running server: a connection that keeps writing while the dump runs.
        let n = 0;
        let writing = true;
        const writer = (async () => {
          while (writing) await insert(client, `w${n++}`);
        })();
        try {
          await run(path.join(bin!, "pg_dump"), ["--format=custom", `--file=${file}`, source]);
        } finally {
          writing = false;
          await writer;
        }
        assert.ok(n > 0, "rows were written during the dump");
      });
      await run(path.join(bin!, "pg_restore"), ["--no-owner", `--dbname=${restored}`, file]);
      const users = await withClient(restored, async (client) =>
        (await client.query<{ id: string }>(`SELECT id FROM "User" ORDER BY id`)).rows.map((r) => r.id),
      );
      assert.ok(users.includes("before"));
      // A consistent snapshot: the writes it holds are a prefix of the writer's sequence, with no gap.
      const written = users
        .filter((id) => id.startsWith("w"))
        .map((id) => Number(id.slice(1)))
        .sort((a, b) => a - b);
      assert.deepEqual(
        written,
        written.map((_, i) => i),
      );
      assert.deepEqual(
        await applyMigrations(restored, () => {}),
        [],
        "the restored database is at the latest migration",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
