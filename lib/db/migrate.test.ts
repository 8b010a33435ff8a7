import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { applyMigrations } from "./migrate.ts";

test("applies every migration to a new database once, and releases the file", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-migrate-"));
  const file = path.join(dir, "nested", "test.db");
  const first = await applyMigrations(`file:${file}`, () => {});
  const folders = fs.readdirSync("prisma/migrations").filter((name) => /^\d+_/.test(name));
  assert.deepEqual(first, folders.sort());

  const second = await applyMigrations(`file:${file}`, () => {});
  assert.deepEqual(second, []);

  // Another connection can write at once: the engine's connections are closed, not left locked.
  const db = new Database(file, { timeout: 100 });
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    .all()
    .map((row) => (row as { name: string }).name);
  for (const table of [
    "User",
    "Account",
    "Submission",
    "Progress",
    "Draft",
    "ApiKey",
    "_prisma_migrations",
  ]) {
    assert.ok(tables.includes(table), `table ${table} exists`);
  }
  db.prepare(
    `INSERT INTO "User" (id, email, role, createdAt, updatedAt) VALUES ('u1', 'a@example.com', 'learner', 0, 0)`,
  ).run();
  assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("an up-to-date database migrates (as a no-op) while another connection holds it open", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-migrate-"));
  const file = path.join(dir, "busy.db");
  await applyMigrations(`file:${file}`, () => {});
  // Like a running server: an open connection that has read from the database.
  const server = new Database(file);
  server.prepare(`SELECT count(*) FROM "User"`).get();
  assert.deepEqual(await applyMigrations(`file:${file}`, () => {}), []);
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
