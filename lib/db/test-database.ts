/**
 * The database a unit test file runs on. SQLite by default: a fresh file in the given folder. With
 * TEST_POSTGRES_URL set (a server URL, e.g. postgresql://postgres@127.0.0.1:5433/postgres, which
 * `npm run test:pg` sets on a throwaway cluster), a fresh database on that server instead, so the
 * same tests run on both.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";

/** A URL for an empty database named after `name`, to set as DATABASE_URL before importing lib/db.ts. */
export async function testDatabaseUrl(dir: string, name: string): Promise<string> {
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) return `file:${path.join(dir, `${name}.db`)}`;
  const database = `${name.replace(/\W/g, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}
