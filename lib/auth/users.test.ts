import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

// A real SQLite file for this test process; env is read when lib/ modules load, so set it first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-users-"));
process.env.DATABASE_URL = `file:${path.join(dir, "users.db")}`;
process.env.SIGNIN_MAX_FAILURES = "3";

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const users = await import("./users.ts");

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
});
after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("sign-up stores a hash, never the password, and refuses a taken email", async () => {
  const input = users.signUpSchema.parse({ name: "Ada", email: " Ada@Example.com ", password: "correct horse" });
  assert.equal(input.email, "ada@example.com");
  const created = await users.createUser(input);
  assert.equal(created.ok, true);
  const row = await db.user.findUniqueOrThrow({ where: { email: "ada@example.com" } });
  assert.ok(row.passwordHash?.startsWith("scrypt$"));
  assert.equal(row.passwordHash?.includes("correct horse"), false);
  assert.equal(row.role, "learner");

  const again = await users.createUser({ ...input, name: "Impostor" });
  assert.deepEqual(again, { ok: false, error: "email_taken" });
});

test("credentials: right password passes, wrong and unknown fail the same way", async () => {
  await users.createUser({ email: "grace@example.com", password: "hopper-1906" });
  const good = await users.checkCredentials("grace@example.com", "hopper-1906", "10.0.0.1");
  assert.equal(good.ok, true);
  assert.deepEqual(await users.checkCredentials("grace@example.com", "wrong", "10.0.0.1"), { ok: false, error: "invalid_credentials" });
  assert.deepEqual(await users.checkCredentials("nobody@example.com", "wrong", "10.0.0.1"), { ok: false, error: "invalid_credentials" });
});

test("after the allowed failures even the right password is refused, with a retry time", async () => {
  await users.createUser({ email: "mallory@example.com", password: "the-right-one" });
  for (let i = 0; i < 3; i++) {
    const result = await users.checkCredentials("mallory@example.com", `guess-${i}`, "10.0.0.2");
    assert.equal(result.ok, false);
  }
  const blocked = await users.checkCredentials("mallory@example.com", "the-right-one", "10.0.0.2");
  assert.equal(blocked.ok, false);
  assert.equal(!blocked.ok && blocked.error, "rate_limited");
  assert.ok(!blocked.ok && blocked.error === "rate_limited" && blocked.retryAfterSeconds > 0 && blocked.retryAfterSeconds <= 15 * 60);
  // Other accounts are not affected by one account's failures.
  assert.equal((await users.checkCredentials("grace@example.com", "hopper-1906", "10.0.0.3")).ok, true);
});

test("setUserRole promotes an existing user and creates a new one with a password", async () => {
  assert.deepEqual(await users.setUserRole({ email: "grace@example.com", role: "instructor" }), { created: false });
  assert.equal((await db.user.findUniqueOrThrow({ where: { email: "grace@example.com" } })).role, "instructor");
  assert.deepEqual(await users.setUserRole({ email: "root@example.com", role: "admin", password: "long enough" }), { created: true });
  await assert.rejects(users.setUserRole({ email: "nopass@example.com", role: "admin" }), /give --password/);
});
