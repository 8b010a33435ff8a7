/**
 * U+0000 in what a client sends: PostgreSQL cannot store or compare it in text (the query fails, a
 * 500), SQLite can. Both refuse it the same way before the database: code and drafts with a clear
 * 4xx, ids and learners holding one are simply not found. Runs on PostgreSQL too (npm run test:pg).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";
import type { AuthenticatedKey } from "./keys.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-nul-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "nul_bytes");
process.env.SANDBOX_WORKERS = "1";

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { AppError } = await import("../errors.ts");
const { getServerGrader } = await import("../grading/grader.ts");
const { createApiKey, findApiKey } = await import("./keys.ts");
const { gradeForApi } = await import("./grade.ts");
const { gradeBatch } = await import("./batch.ts");
const { getSubmissionForKey, listSubmissionsForKey } = await import("./submissions.ts");
const { listSubmissionsQuerySchema, gradeRequestSchema } = await import("./schemas.ts");
const { saveDraft, listDrafts } = await import("../progress/drafts.ts");
const { listLearnerLessonRows } = await import("../teach/progress-report.ts");

const EXERCISE = "http-status-codes";
let key: AuthenticatedKey;

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
  const user = await db.user.create({ data: { email: "nul-prof@example.com", role: "instructor" } });
  key = (await findApiKey((await createApiKey({ userId: user.id, name: "nul" })).key))!;
});
after(async () => {
  await getServerGrader().close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);

test("code holding U+0000 is refused before grading, with a message that says why; nothing is recorded", async () => {
  await assert.rejects(
    gradeForApi({ apiKey: key, exerciseId: EXERCISE, code: "export const x = '\u0000';", mode: "submit" }),
    (error: unknown) =>
      error instanceof AppError && error.status === 422 && /NUL character/.test(error.message),
  );
  const batch = await gradeBatch({
    apiKey: key,
    body: { submissions: [{ exerciseId: EXERCISE, code: "a\u0000b", mode: "run" }] },
    idempotency: null,
    consume: async () => {},
  });
  const item = batch.results[0]!;
  assert.ok(!item.ok && item.error.status === 422, JSON.stringify(item));
  assert.equal(await db.submission.count(), 0);
});

test("a draft holding U+0000 is refused with validation_failed and nothing is saved", async () => {
  const userId = key.owner.id;
  await rejectsWith(saveDraft(userId, EXERCISE, "", "const s = '\u0000';", 0), "validation_failed");
  const drafts = await listDrafts(userId, EXERCISE);
  assert.ok(
    drafts.every((d) => d.code === null),
    JSON.stringify(drafts),
  );
  // The same learner's ordinary save still works.
  assert.equal((await saveDraft(userId, EXERCISE, "", "const s = '\\0';", 0)).ok, true);
});

test("ids, learners and filters holding U+0000 are not found or refused, never a failed query", async () => {
  await rejectsWith(getSubmissionForKey(key, "abc\u0000"), "not_found");
  // /teach/learners/<id> with %00 in the URL: no such learner (a 404 page).
  assert.deepEqual(await listLearnerLessonRows("abc\u0000"), []);
  await rejectsWith(
    gradeForApi({
      apiKey: key,
      exerciseId: EXERCISE,
      code: "x",
      mode: "run",
      learner: "a\u0000@example.com",
    }),
    "unknown_learner",
  );
  await rejectsWith(listSubmissionsForKey(key, { learner: "id\u0000", limit: 5 }), "unknown_learner");
  const cursor = Buffer.from(JSON.stringify({ t: new Date().toISOString(), id: "x\u0000" })).toString(
    "base64url",
  );
  await rejectsWith(listSubmissionsForKey(key, { cursor, limit: 5 }), "validation_failed");
  // The schemas the routes parse with refuse them first, with a field error.
  for (const query of [{ exercise: "a\u0000" }, { learner: "a\u0000" }, { cursor: "a\u0000" }])
    assert.equal(listSubmissionsQuerySchema.safeParse(query).success, false, JSON.stringify(query));
  assert.equal(gradeRequestSchema.safeParse({ code: "x", learner: "\u0000@x" }).success, false);
});
