import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

// A real database for this test process; env is read when lib/ modules load, so set it first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-reset-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "reset");

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { createUser } = await import("./users.ts");
const { verifyPassword } = await import("./password.ts");
const { createSession } = await import("./sessions.ts");
const reset = await import("./password-reset.ts");

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
});
after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function user(email: string, password = "the old password") {
  const created = await createUser({ email, password });
  assert.ok(created.ok);
  return created.user;
}
const passwordOf = async (email: string) =>
  (await db.user.findUniqueOrThrow({ where: { email } })).passwordHash ?? "";

test("the link carries the token, URL-encoded, under the site's base", () => {
  assert.equal(
    reset.resetLink("a+b/c=", "https://learn.example.org/"),
    "https://learn.example.org/reset-password?token=a%2Bb%2Fc%3D",
  );
  assert.equal(
    reset.resetLink("t", "http://localhost:3000///"),
    "http://localhost:3000/reset-password?token=t",
  );
});

test("a token resets its own account's password once, and ends that account's sessions", async () => {
  const ada = await user("ada@example.com");
  const other = await user("other@example.com");
  await createSession(ada.id);
  await createSession(ada.id);
  const otherSession = await createSession(other.id);

  const requested = await reset.requestPasswordReset("ada@example.com", "192.0.2.1");
  assert.ok(requested.ok && requested.token, JSON.stringify(requested));
  const token = requested.token;
  assert.equal(requested.userEmail, "ada@example.com");
  // The database keeps only the token's hash.
  const row = await db.passwordReset.findFirstOrThrow({ where: { userId: ada.id } });
  assert.notEqual(row.tokenHash, token);
  assert.equal(row.tokenHash.includes(token), false);
  assert.deepEqual(await reset.checkResetToken(token), { ok: true, email: "ada@example.com" });

  assert.deepEqual(await reset.resetPassword(token, "a brand new passphrase"), {
    ok: true,
    email: "ada@example.com",
  });
  assert.equal(await verifyPassword("a brand new passphrase", await passwordOf("ada@example.com")), true);
  assert.equal(await verifyPassword("the old password", await passwordOf("ada@example.com")), false);
  assert.equal(await db.session.count({ where: { userId: ada.id } }), 0);
  // Another account is untouched: its password and its session.
  assert.equal(await verifyPassword("the old password", await passwordOf("other@example.com")), true);
  assert.equal(await db.session.count({ where: { sessionToken: otherSession } }), 1);

  // Used twice: refused, and the password stays what the first use set.
  assert.deepEqual(await reset.checkResetToken(token), { ok: false, error: "used" });
  assert.deepEqual(await reset.resetPassword(token, "the attacker's choice"), { ok: false, error: "used" });
  assert.equal(await verifyPassword("a brand new passphrase", await passwordOf("ada@example.com")), true);
});

test("two concurrent uses of one token: exactly one succeeds", async () => {
  await user("twice@example.com");
  const token = await reset.createPasswordReset(
    (await db.user.findUniqueOrThrow({ where: { email: "twice@example.com" } })).id,
  );
  const results = await Promise.all([
    reset.resetPassword(token, "first new passphrase"),
    reset.resetPassword(token, "second new passphrase"),
  ]);
  assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
  assert.deepEqual(
    results.find((r) => !r.ok),
    { ok: false, error: "used" },
  );
});

test("an expired token is refused and changes nothing", async () => {
  const grace = await user("grace@example.com");
  const token = await reset.createPasswordReset(grace.id);
  await db.passwordReset.updateMany({
    where: { userId: grace.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  assert.deepEqual(await reset.checkResetToken(token), { ok: false, error: "expired" });
  assert.deepEqual(await reset.resetPassword(token, "too late for this"), { ok: false, error: "expired" });
  assert.equal(await verifyPassword("the old password", await passwordOf("grace@example.com")), true);
  // Not marked used either: expiry is its own state.
  assert.equal((await db.passwordReset.findFirstOrThrow({ where: { userId: grace.id } })).usedAt, null);
});

test("unknown, altered and empty tokens are invalid", async () => {
  const sam = await user("sam@example.com");
  const token = await reset.createPasswordReset(sam.id);
  const altered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
  for (const bad of [
    "",
    "not-a-token",
    altered,
    token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
  ]) {
    assert.deepEqual(await reset.checkResetToken(bad), { ok: false, error: "invalid" }, bad);
    assert.deepEqual(
      await reset.resetPassword(bad, "whatever passphrase"),
      { ok: false, error: "invalid" },
      bad,
    );
  }
  assert.equal(await verifyPassword("the old password", await passwordOf("sam@example.com")), true);
  assert.deepEqual(await reset.checkResetToken(token), { ok: true, email: "sam@example.com" });
});

test("using one link voids the account's other links, not other accounts' links", async () => {
  const kim = await user("kim@example.com");
  const lee = await user("lee@example.com");
  const [first, second] = [await reset.createPasswordReset(kim.id), await reset.createPasswordReset(kim.id)];
  const lees = await reset.createPasswordReset(lee.id);
  assert.equal((await reset.resetPassword(second, "kim's new passphrase")).ok, true);
  assert.deepEqual(await reset.resetPassword(first, "an older link's pick"), { ok: false, error: "used" });
  assert.equal(await verifyPassword("kim's new passphrase", await passwordOf("kim@example.com")), true);
  assert.deepEqual(await reset.checkResetToken(lees), { ok: true, email: "lee@example.com" });
});

test("unknown emails and password-less accounts get no token, and the same answer shape", async () => {
  const unknown = await reset.requestPasswordReset("nobody@example.com", "192.0.2.5");
  assert.deepEqual(unknown, { ok: true, token: null, userEmail: "nobody@example.com" });
  // An account that signs in with GitHub only has no password to reset.
  await db.user.create({ data: { email: "github-only@example.com" } });
  assert.deepEqual(await reset.requestPasswordReset("github-only@example.com", "192.0.2.5"), {
    ok: true,
    token: null,
    userEmail: "github-only@example.com",
  });
  assert.equal(await db.passwordReset.count({ where: { user: { email: "github-only@example.com" } } }), 0);
});

test("requests are limited per email and per address, for unknown emails too", async () => {
  await user("limited@example.com");
  for (let i = 0; i < reset.RESET_LIMITS.perEmail; i++) {
    const ok = await reset.requestPasswordReset("limited@example.com", `198.51.100.${i}`);
    assert.ok(ok.ok && ok.token, `request ${i}`);
  }
  // A fourth request for the same email, from a fresh address, waits up to an hour.
  const refused = await reset.requestPasswordReset("limited@example.com", "198.51.100.200");
  assert.ok(
    !refused.ok && refused.retryAfterSeconds > 3500 && refused.retryAfterSeconds <= 3600,
    JSON.stringify(refused),
  );
  assert.equal(await db.passwordReset.count({ where: { user: { email: "limited@example.com" } } }), 3);

  // One address asking for many emails (existing or not) is stopped at perAddress.
  for (let i = 0; i < reset.RESET_LIMITS.perAddress; i++) {
    assert.equal((await reset.requestPasswordReset(`probe-${i}@example.com`, "203.0.113.9")).ok, true);
  }
  const stopped = await reset.requestPasswordReset("ada@example.com", "203.0.113.9");
  assert.equal(stopped.ok, false);
  assert.equal((await reset.requestPasswordReset("ada@example.com", "203.0.113.10")).ok, true);

  // After the hour the email may ask again.
  await db.signInAttempt.updateMany({
    where: { key: "reset-email:limited@example.com" },
    data: { createdAt: new Date(Date.now() - reset.RESET_TTL_MS - 1000) },
  });
  assert.equal((await reset.requestPasswordReset("limited@example.com", "198.51.100.201")).ok, true);
});
