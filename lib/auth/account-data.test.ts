import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

// A real database for this test process; env is read when lib/ modules load, so set it first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-account-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "account");

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { createUser } = await import("./users.ts");
const { hashPassword, verifyPassword } = await import("./password.ts");
const sessions = await import("./sessions.ts");
const account = await import("./account-data.ts");
const { listAuditEvents } = await import("./audit.ts");
const { cleanUpAccountTables } = await import("./maintenance.ts");

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
});
after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function user(email: string) {
  const created = await createUser({ email, password: "a fine passphrase" });
  assert.ok(created.ok);
  return created.user;
}

// A stored result (what the grader returns, in full): one visible test and one hidden one whose
// message carries the hidden input and expected value.
const storedResult = {
  version: 1,
  status: "fail",
  durationMs: 12,
  tests: [
    { name: "adds two numbers", status: "pass", durationMs: 1 },
    {
      name: "handles the secret case",
      status: "fail",
      durationMs: 2,
      hidden: true,
      message: "expected add(40417, 2) to be 40419, got 0",
      output: "debug: SECRET-FIXTURE-99",
      summary: "Your result differs for a large input.",
    },
  ],
};

test("the export holds the user's data, without secrets or hidden-test details", async () => {
  const ada = await user("ada@example.com");
  const other = await user("other@example.com");
  await sessions.createSession(ada.id);
  await db.progress.create({ data: { userId: ada.id, lessonId: "http-basics", attempts: 2, passed: true } });
  await db.submission.create({
    data: {
      userId: ada.id,
      exerciseId: "http-status-codes",
      mode: "submit",
      language: "typescript",
      code: "export const add = () => 0;",
      status: "fail",
      result: JSON.stringify(storedResult),
      durationMs: 12,
    },
  });
  await db.submission.create({
    data: {
      userId: other.id,
      exerciseId: "not-adas",
      mode: "run",
      language: "typescript",
      code: "// other's code",
      status: "pass",
      result: JSON.stringify({ ...storedResult, status: "pass", tests: [] }),
      durationMs: 1,
    },
  });
  await db.draft.create({ data: { userId: ada.id, exerciseId: "http-status-codes", code: "draft" } });
  await db.draft.create({ data: { userId: ada.id, exerciseId: "reset-one", code: null } });
  await db.quizAnswer.create({
    data: { userId: ada.id, lessonId: "http-basics", questionId: "q1", choices: '["a","c"]', correct: true },
  });
  await db.apiKey.create({
    data: { userId: ada.id, name: "laptop", prefix: "ss_abc", hash: "f".repeat(64) },
  });

  const data = await account.exportAccountData(ada.id);
  const text = JSON.stringify(data);
  assert.equal(data.account.email, "ada@example.com");
  assert.equal(data.progress.length, 1);
  assert.equal(data.submissions.length, 1, "only the user's own submissions");
  assert.equal(data.submissions[0]?.exerciseId, "http-status-codes");
  assert.equal(text.includes("other's code"), false);
  // Reset drafts (code null) are not data.
  assert.deepEqual(
    data.drafts.map((d) => d.exerciseId),
    ["http-status-codes"],
  );
  assert.deepEqual(data.quizAnswers[0]?.choices, ["a", "c"]);
  assert.deepEqual(
    data.apiKeys.map((k) => k.name),
    ["laptop"],
  );
  // No password hash, no key hash, no session token.
  assert.equal(text.includes("scrypt$"), false);
  assert.equal(text.includes("f".repeat(64)), false);
  const [session] = await db.session.findMany({ where: { userId: ada.id } });
  assert.ok(session);
  assert.equal(text.includes(session.sessionToken), false);
  // Hidden tests reach the learner only through the disclosure policy: name and summary, never the
  // hidden values in the message or the output.
  assert.equal(text.includes("40417"), false, "hidden input leaked");
  assert.equal(text.includes("SECRET-FIXTURE-99"), false, "hidden output leaked");
  assert.match(text, /Your result differs for a large input/);
  assert.match(text, /handles the secret case/);
});

test("a stored result that is not a grade result is not exported as stored", async () => {
  const kim = await user("kim@example.com");
  for (const result of ["not json at all: hidden 40417", '{"hidden":"40417"}']) {
    await db.submission.create({
      data: {
        userId: kim.id,
        exerciseId: "x",
        mode: "run",
        language: "typescript",
        code: "",
        status: "error",
        result,
        durationMs: 0,
      },
    });
  }
  const data = await account.exportAccountData(kim.id);
  assert.equal(data.submissions.length, 2);
  assert.equal(JSON.stringify(data).includes("40417"), false);
});

test("deleting an account removes its rows and is audited; others are untouched", async () => {
  const doomed = await user("doomed@example.com");
  const keeper = await user("keeper@example.com");
  await sessions.createSession(doomed.id);
  await sessions.createSession(keeper.id);
  await db.progress.create({ data: { userId: doomed.id, lessonId: "l1" } });
  await account.deleteAccount(doomed, { id: doomed.id, email: doomed.email });
  assert.equal(await db.user.count({ where: { id: doomed.id } }), 0);
  assert.equal(await db.session.count({ where: { userId: doomed.id } }), 0);
  assert.equal(await db.progress.count({ where: { userId: doomed.id } }), 0);
  assert.equal(await db.session.count({ where: { userId: keeper.id } }), 1);
  const [event] = await listAuditEvents(1);
  assert.deepEqual(event && { action: event.action, target: event.target, actor: event.actor }, {
    action: "account.deleted",
    target: "doomed@example.com",
    actor: "doomed@example.com",
  });
  // The export of a deleted account is an error, not an empty object.
  await assert.rejects(account.exportAccountData(doomed.id));
});

test("a new password ends every session of that account only", async () => {
  const sam = await user("sam@example.com");
  const lee = await user("lee@example.com");
  await sessions.createSession(sam.id);
  await sessions.createSession(sam.id);
  await sessions.createSession(lee.id);
  assert.deepEqual(await account.getAccountSummary(sam.id), { hasPassword: true, activeSessions: 2 });
  await account.replacePassword(sam.id, await hashPassword("sam's new passphrase"));
  assert.deepEqual(await account.getAccountSummary(sam.id), { hasPassword: true, activeSessions: 0 });
  const row = await db.user.findUniqueOrThrow({ where: { id: sam.id } });
  assert.equal(await verifyPassword("sam's new passphrase", row.passwordHash ?? ""), true);
  assert.equal((await account.getAccountSummary(lee.id)).activeSessions, 1);

  await account.updateDisplayName(sam.id, "Sam");
  assert.equal((await db.user.findUniqueOrThrow({ where: { id: sam.id } })).name, "Sam");
  await account.updateDisplayName(sam.id, null);
  assert.equal((await db.user.findUniqueOrThrow({ where: { id: sam.id } })).name, null);

  const githubOnly = await db.user.create({ data: { email: "gh@example.com" } });
  assert.deepEqual(await account.getAccountSummary(githubOnly.id), { hasPassword: false, activeSessions: 0 });
});

test("sessions: signing out ends one, expired ones do not count and are cleaned up", async () => {
  const pat = await user("pat@example.com");
  const a = await sessions.createSession(pat.id);
  const b = await sessions.createSession(pat.id);
  assert.notEqual(a, b);
  await sessions.revokeSession(a);
  await sessions.revokeSession(a); // already gone: fine
  assert.deepEqual(
    (await db.session.findMany({ where: { userId: pat.id } })).map((s) => s.sessionToken),
    [b],
  );
  const row = await db.session.findUniqueOrThrow({ where: { sessionToken: b } });
  const days = (row.expires.getTime() - Date.now()) / 86_400_000;
  assert.ok(days > 29 && days <= 30, String(days));

  await db.session.update({ where: { sessionToken: b }, data: { expires: new Date(Date.now() - 1000) } });
  assert.equal((await account.getAccountSummary(pat.id)).activeSessions, 0);
  await db.signInAttempt.create({
    data: { key: "ip:old", createdAt: new Date(Date.now() - 2 * 86_400_000) },
  });
  await db.signInAttempt.create({ data: { key: "ip:new" } });
  await db.rateLimitBucket.create({
    data: { key: "api:idle", tokens: 1, granted: true, refilledAt: Date.now() - 2 * 86_400_000 },
  });
  await db.rateLimitBucket.create({
    data: { key: "api:busy", tokens: 1, granted: true, refilledAt: Date.now() },
  });
  const counts = await cleanUpAccountTables();
  assert.ok(
    counts.sessions >= 1 && counts.signInAttempts >= 1 && counts.buckets >= 1,
    JSON.stringify(counts),
  );
  assert.equal(await db.session.count({ where: { sessionToken: b } }), 0);
  assert.equal(await db.signInAttempt.count({ where: { key: "ip:old" } }), 0);
  assert.equal(await db.signInAttempt.count({ where: { key: "ip:new" } }), 1);
  assert.deepEqual(
    (await db.rateLimitBucket.findMany({ select: { key: true } })).map((r) => r.key),
    ["api:busy"],
  );
  // Running it again deletes nothing more.
  assert.deepEqual(await cleanUpAccountTables(), { signInAttempts: 0, sessions: 0, buckets: 0 });
});

test("the audit log reads back damaged details as empty, and names the command line as actor", async () => {
  for (const details of ["not json", "[1,2]", "null", '"text"'])
    await db.auditEvent.create({
      data: { action: "role.changed", targetId: "t", target: `damaged ${details}`, details },
    });
  const damaged = (await listAuditEvents(50)).filter((e) => e.target.startsWith("damaged "));
  assert.equal(damaged.length, 4);
  for (const event of damaged) {
    assert.deepEqual(event.details, {}, event.target);
    assert.equal(event.actor, "command line");
  }
  assert.equal((await listAuditEvents(2)).length, 2);
});
