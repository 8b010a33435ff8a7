import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

// Sign-in edge cases beyond users.test.ts: forms, accounts without a password, limits running out.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-signin-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "signin");
process.env.SIGNIN_MAX_FAILURES = "3";
process.env.SIGNIN_WINDOW_MINUTES = "15";

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const users = await import("./users.ts");
const { canTeach } = await import("./roles.ts");

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
});
after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Moves every throttle row of `key` back in time. */
const age = (key: string, ms: number) =>
  db.signInAttempt.updateMany({ where: { key }, data: { createdAt: new Date(Date.now() - ms) } });

test("sign-in and sign-up forms: emails normalised, bad input refused", () => {
  assert.equal(
    users.signInSchema.parse({ email: "  Ada@EXAMPLE.com", password: "x" }).email,
    "ada@example.com",
  );
  for (const input of [
    { email: "ada@example.com", password: "" },
    { email: "ada@example.com", password: "p".repeat(201) },
    { email: "not an email", password: "x" },
    { email: `${"a".repeat(250)}@example.com`, password: "x" },
    { email: "ada@example.com" },
    { email: ["ada@example.com"], password: "x" },
    null,
  ]) {
    assert.equal(users.signInSchema.safeParse(input).success, false, JSON.stringify(input));
  }
  assert.equal(users.signUpSchema.safeParse({ email: "a@example.com", password: "short" }).success, false);
  assert.equal(
    users.signUpSchema.safeParse({ email: "a@example.com", password: "long enough", name: "n".repeat(81) })
      .success,
    false,
  );
  assert.deepEqual(users.signUpSchema.parse({ email: "a@example.com", password: "long enough" }).name, "");
});

test("an account without a password (GitHub only) cannot be signed into with any password", async () => {
  await db.user.create({ data: { email: "octocat@example.com" } });
  for (const [i, password] of ["", "anything", "null", "undefined"].entries()) {
    assert.deepEqual(await users.checkCredentials("octocat@example.com", password, `192.0.2.${10 + i}`), {
      ok: false,
      error: "invalid_credentials",
    });
  }
});

test("the failures are counted for unknown emails too, so guessing which exist costs the same", async () => {
  await users.checkCredentials("ghost@example.com", "guess", "192.0.2.2");
  const keys = users.signInKeys("ghost@example.com", "192.0.2.2");
  for (const key of Object.values(keys))
    assert.equal(await db.signInAttempt.count({ where: { key } }), 1, key);
});

test("a locked-out pair gets in again once its wait is over, and success clears its failures", async () => {
  assert.ok((await users.createUser({ email: "lena@example.com", password: "lena's passphrase" })).ok);
  const keys = users.signInKeys("lena@example.com", "192.0.2.3");
  for (let i = 0; i < 3; i++) await users.checkCredentials("lena@example.com", "wrong", "192.0.2.3");
  const locked = await users.checkCredentials("lena@example.com", "lena's passphrase", "192.0.2.3");
  assert.ok(!locked.ok && locked.error === "rate_limited", JSON.stringify(locked));
  // Locked means locked: a wrong password during the wait is not even checked (nor counted).
  await users.checkCredentials("lena@example.com", "wrong again", "192.0.2.3");
  assert.equal(await db.signInAttempt.count({ where: { key: keys.pair } }), 3);

  // The one-minute wait ends.
  await age(keys.pair, 61_000);
  const back = await users.checkCredentials("lena@example.com", "lena's passphrase", "192.0.2.3");
  assert.equal(back.ok, true, JSON.stringify(back));
  assert.equal(await db.signInAttempt.count({ where: { key: keys.pair } }), 0);
  // The next wrong password starts from zero: no lock after one failure.
  await users.checkCredentials("lena@example.com", "wrong", "192.0.2.3");
  assert.equal((await users.checkCredentials("lena@example.com", "lena's passphrase", "192.0.2.3")).ok, true);
});

test("the growing wait stops growing at the window, and failures older than the window are forgotten", async () => {
  assert.ok((await users.createUser({ email: "max@example.com", password: "max's passphrase" })).ok);
  const keys = users.signInKeys("max@example.com", "192.0.2.4");
  // 12 failures spread over the last 10 minutes: 2^(12-3) minutes would be 8.5 hours; the window is 15.
  await db.signInAttempt.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      key: keys.pair,
      createdAt: new Date(Date.now() - 600_000 + i * 1000),
    })),
  });
  const capped = await users.checkCredentials("max@example.com", "max's passphrase", "192.0.2.4");
  assert.ok(
    !capped.ok && capped.error === "rate_limited" && capped.retryAfterSeconds <= 15 * 60,
    JSON.stringify(capped),
  );
  // Past the window: nothing is held against the pair.
  await age(keys.pair, 16 * 60_000);
  assert.equal((await users.checkCredentials("max@example.com", "max's passphrase", "192.0.2.4")).ok, true);
});

test("an address stopped for stuffing is let go when its failures leave the window", async () => {
  assert.ok((await users.createUser({ email: "ivy@example.com", password: "ivy's passphrase" })).ok);
  const address = "192.0.2.5";
  await db.signInAttempt.createMany({
    data: Array.from({ length: 30 }, () => ({ key: `ip:${address}` })),
  });
  const stopped = await users.checkCredentials("ivy@example.com", "ivy's passphrase", address);
  assert.ok(
    !stopped.ok && stopped.error === "rate_limited" && stopped.retryAfterSeconds > 14 * 60,
    JSON.stringify(stopped),
  );
  await age(`ip:${address}`, 15 * 60_000 + 1000);
  assert.equal((await users.checkCredentials("ivy@example.com", "ivy's passphrase", address)).ok, true);
});

test("sign-ups allowed again an hour after the oldest one", async () => {
  for (let i = 0; i < 20; i++) await users.recordSignUp("192.0.2.6");
  assert.equal((await users.checkSignUpAllowed("192.0.2.6")).ok, false);
  await age("signup:192.0.2.6", 3_600_000 + 1000);
  assert.equal((await users.checkSignUpAllowed("192.0.2.6")).ok, true);
});

test("only instructors and admins teach", () => {
  assert.equal(canTeach("instructor"), true);
  assert.equal(canTeach("admin"), true);
  for (const role of ["learner", "", "Admin", "ADMIN", "root"]) assert.equal(canTeach(role), false, role);
});

test("a role change with a new password ends sessions; an unknown email without a password is refused", async () => {
  const created = await users.createUser({ email: "tom@example.com", password: "tom's passphrase" });
  assert.ok(created.ok);
  const { createSession } = await import("./sessions.ts");
  await createSession(created.user.id);
  // Same role, new password: the sessions end, nothing is audited.
  await users.setUserRole({ email: "tom@example.com", role: "learner", password: "tom's new passphrase" });
  assert.equal(await db.session.count({ where: { userId: created.user.id } }), 0);
  assert.equal(await db.auditEvent.count({ where: { targetId: created.user.id } }), 0);
  assert.equal(
    (await users.checkCredentials("tom@example.com", "tom's new passphrase", "192.0.2.7")).ok,
    true,
  );
  // A new learner created by the CLI is not audited either; a new admin is.
  await users.setUserRole({ email: "newbie@example.com", role: "learner", password: "long enough" });
  assert.equal(await db.auditEvent.count({ where: { target: "newbie@example.com" } }), 0);
  await users.setUserRole({ email: "boss@example.com", role: "admin", password: "long enough" });
  assert.equal(
    await db.auditEvent.count({ where: { target: "boss@example.com", action: "role.changed" } }),
    1,
  );
});
