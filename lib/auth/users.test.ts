import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

// A real SQLite file for this test process; env is read when lib/ modules load, so set it first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-users-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "users");
process.env.SIGNIN_MAX_FAILURES = "3";
process.env.SIGNUP_MAX_PER_HOUR = "4";

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
  const input = users.signUpSchema.parse({
    name: "Ada",
    email: " Ada@Example.com ",
    password: "correct horse",
  });
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
  assert.deepEqual(await users.checkCredentials("grace@example.com", "wrong", "10.0.0.1"), {
    ok: false,
    error: "invalid_credentials",
  });
  assert.deepEqual(await users.checkCredentials("nobody@example.com", "wrong", "10.0.0.1"), {
    ok: false,
    error: "invalid_credentials",
  });
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
  assert.ok(
    !blocked.ok &&
      blocked.error === "rate_limited" &&
      blocked.retryAfterSeconds > 0 &&
      blocked.retryAfterSeconds <= 15 * 60,
  );
  // Other accounts are not affected by one account's failures.
  assert.equal((await users.checkCredentials("grace@example.com", "hopper-1906", "10.0.0.3")).ok, true);
});

test("setUserRole promotes an existing user and creates a new one with a password", async () => {
  assert.deepEqual(await users.setUserRole({ email: "grace@example.com", role: "instructor" }), {
    created: false,
  });
  assert.equal(
    (await db.user.findUniqueOrThrow({ where: { email: "grace@example.com" } })).role,
    "instructor",
  );
  assert.deepEqual(
    await users.setUserRole({ email: "root@example.com", role: "admin", password: "long enough" }),
    { created: true },
  );
  await assert.rejects(users.setUserRole({ email: "nopass@example.com", role: "admin" }), /give --password/);
});

test("strangers failing from other addresses cannot lock the owner out of their own address", async () => {
  await users.createUser({ email: "owner@example.com", password: "owner's own words" });
  // 100 wrong passwords from 34 other addresses, each within its per-pair allowance.
  for (let i = 0; i < 100; i++) {
    const result = await users.checkCredentials("owner@example.com", `guess-${i}`, `198.51.100.${i % 34}`);
    assert.equal(result.ok, false);
  }
  assert.equal(
    (await users.checkCredentials("owner@example.com", "owner's own words", "203.0.113.50")).ok,
    true,
  );
});

test("a pair that keeps failing waits longer each time; the address limit spans accounts", async () => {
  await users.createUser({ email: "sam@example.com", password: "sam's passphrase" });
  for (let i = 0; i < 3; i++) await users.checkCredentials("sam@example.com", "nope", "192.0.2.10");
  const first = await users.checkCredentials("sam@example.com", "sam's passphrase", "192.0.2.10");
  assert.ok(
    !first.ok && first.error === "rate_limited" && first.retryAfterSeconds <= 60,
    JSON.stringify(first),
  );
  // Pretend the minute passed, fail once more: the next wait is two minutes.
  await db.signInAttempt.updateMany({
    where: { key: users.signInKeys("sam@example.com", "192.0.2.10").pair },
    data: { createdAt: new Date(Date.now() - 61_000) },
  });
  assert.deepEqual(await users.checkCredentials("sam@example.com", "nope", "192.0.2.10"), {
    ok: false,
    error: "invalid_credentials",
  });
  const second = await users.checkCredentials("sam@example.com", "sam's passphrase", "192.0.2.10");
  assert.ok(
    !second.ok &&
      second.error === "rate_limited" &&
      second.retryAfterSeconds > 60 &&
      second.retryAfterSeconds <= 120,
    JSON.stringify(second),
  );

  // One address trying many accounts (3 x 10 = 30 failures) is stopped for all of them.
  for (let i = 0; i < 30; i++) await users.checkCredentials(`victim-${i}@example.com`, "nope", "192.0.2.99");
  const stuffing = await users.checkCredentials("grace@example.com", "hopper-1906", "192.0.2.99");
  assert.ok(!stuffing.ok && stuffing.error === "rate_limited");
  assert.equal((await users.checkCredentials("grace@example.com", "hopper-1906", "192.0.2.100")).ok, true);
});

test("the account-wide limit stops only addresses that are failing", async () => {
  await users.createUser({ email: "target@example.com", password: "target's passphrase" });
  // 3 x 50 = 150 failures from 75 addresses, two each.
  for (let i = 0; i < 150; i++)
    await users.checkCredentials("target@example.com", "nope", `100.64.${i % 75}.1`);
  const failing = await users.checkCredentials("target@example.com", "target's passphrase", "100.64.3.1");
  assert.ok(!failing.ok && failing.error === "rate_limited");
  assert.equal(
    (await users.checkCredentials("target@example.com", "target's passphrase", "203.0.113.77")).ok,
    true,
  );
});

test("sign-ups are limited per address, and old throttle rows are cleaned up", async () => {
  const limit = Number(process.env.SIGNUP_MAX_PER_HOUR);
  for (let i = 0; i < limit; i++) {
    assert.equal((await users.checkSignUpAllowed("192.0.2.200")).ok, true);
    await users.recordSignUp("192.0.2.200");
  }
  const refused = await users.checkSignUpAllowed("192.0.2.200");
  assert.ok(!refused.ok && refused.retryAfterSeconds > 0 && refused.retryAfterSeconds <= 3600);
  assert.equal((await users.checkSignUpAllowed("192.0.2.201")).ok, true);

  await db.signInAttempt.create({
    data: { key: "ip:192.0.2.250", createdAt: new Date(Date.now() - 2 * 86_400_000) },
  });
  assert.ok((await users.deleteOldSignInAttempts()) >= 1);
  assert.equal(await db.signInAttempt.count({ where: { key: "ip:192.0.2.250" } }), 0);
  assert.ok((await db.signInAttempt.count({ where: { key: "signup:192.0.2.200" } })) === limit);
});

test("a role change ends the user's sessions and is audited in the same transaction", async () => {
  const { createSession } = await import("./sessions.ts");
  const { listAuditEvents } = await import("./audit.ts");
  const user = await db.user.findUniqueOrThrow({ where: { email: "sam@example.com" } });
  await createSession(user.id);
  await createSession(user.id);
  await users.setUserRole({
    email: "sam@example.com",
    role: "instructor",
    actor: { id: user.id, email: "root@example.com" },
  });
  assert.equal(await db.session.count({ where: { userId: user.id } }), 0);
  const [event] = await listAuditEvents(1);
  assert.deepEqual(
    { action: event.action, target: event.target, actor: event.actor, details: event.details },
    {
      action: "role.changed",
      target: "sam@example.com",
      actor: "root@example.com",
      details: { from: "learner", to: "instructor" },
    },
  );
  // Setting the same role again changes nothing and records nothing.
  await users.setUserRole({ email: "sam@example.com", role: "instructor" });
  assert.equal((await listAuditEvents(10)).filter((e) => e.target === "sam@example.com").length, 1);
});
