import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { applyMigrations } from "../lib/db/migrate.ts";

const run = promisify(execFile);
// `npm run db`, through the one runner of Node flags.
const NODE_ARGS = ["scripts/node.sh", "scripts/db.ts"];

test("npm run db -- backup copies a database that is being written to, and the copy restores", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-backup-"));
  const file = path.join(dir, "live.db");
  await applyMigrations(`file:${file}`, () => {});
  // Like a running server: a connection that keeps writing while the backup runs.
  const server = new Database(file);
  const insert = server.prepare(
    `INSERT INTO "User" (id, email, role, createdAt, updatedAt) VALUES (?, ?, 'learner', 0, 0)`,
  );
  insert.run("before", "before@example.com");
  let n = 0;
  const writer = setInterval(() => insert.run(`w${n}`, `w${n++}@example.com`), 5);
  const copy = path.join(dir, "copy.db");
  try {
    const { stdout } = await run("sh", [...NODE_ARGS, "backup", copy], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
    });
    assert.match(stdout, /integrity check ok/);
  } finally {
    clearInterval(writer);
    server.close();
  }
  const restored = new Database(copy, { readonly: true });
  assert.deepEqual(restored.prepare(`SELECT email FROM "User" WHERE id = 'before'`).get(), {
    email: "before@example.com",
  });
  restored.close();
  // Restoring is putting the file in place: the app migrates it as up to date.
  assert.deepEqual(await applyMigrations(`file:${copy}`, () => {}), []);

  // An existing file is never overwritten.
  await assert.rejects(
    run("sh", [...NODE_ARGS, "backup", copy], { env: { ...process.env, DATABASE_URL: `file:${file}` } }),
    /exists/,
  );
  fs.rmSync(dir, { recursive: true, force: true });
});
