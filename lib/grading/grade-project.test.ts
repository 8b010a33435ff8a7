/**
 * gradeSubmission on a project, with the real lessons, the real sandbox and a real SQLite file:
 * code that does not fit the files is refused, a learner's later stages are locked until the earlier
 * ones pass, passing the last stage passes the lesson, and submissions record files and stage.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-grading-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "grading");

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { getGrader } = await import("../../sandbox/index.ts");
const { gradeSubmission } = await import("./grade-submission.ts");

const PROJECT = "url-shortener";
const STAGES = path.resolve(import.meta.dirname, "../../lessons/projects/url-shortener/stages");
const solution = (stage: string) =>
  Object.fromEntries(
    ["routes.ts", "store.ts", "codes.ts"].map((f) => [
      f,
      fs.readFileSync(path.join(STAGES, stage, "solution", f), "utf8"),
    ]),
  );

let userId = "";
before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
  userId = (await db.user.create({ data: { email: "ada@example.com" } })).id;
});
after(async () => {
  await getGrader().close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const stagesPassed = async () =>
  (await db.progress.findUnique({ where: { userId_lessonId: { userId, lessonId: PROJECT } } }))
    ?.stagesPassed ?? 0;

test("a project is graded stage by stage: locked stages, regressions, completion", async () => {
  const one = await gradeSubmission({ exerciseId: PROJECT, code: "export {}", mode: "submit", userId });
  assert.deepEqual(one.ok ? null : one.error, "invalid_code");
  const locked = await gradeSubmission({
    exerciseId: PROJECT,
    code: solution("redirect"),
    mode: "submit",
    stage: 2,
    userId,
  });
  assert.equal(locked.ok ? null : locked.error, "stage_locked");
  assert.equal(await db.submission.count(), 0);

  // Stage 1 by default (the current stage); passing unlocks stage 2.
  const first = await gradeSubmission({
    exerciseId: PROJECT,
    code: solution("shorten"),
    mode: "submit",
    userId,
  });
  assert.ok(
    first.ok && first.result.status === "pass" && first.stage === 1,
    JSON.stringify(first).slice(0, 300),
  );
  assert.equal(await stagesPassed(), 1);

  // Stage 1's code at stage 2 fails; a fail does not take back a passed stage.
  const behind = await gradeSubmission({
    exerciseId: PROJECT,
    code: solution("shorten"),
    mode: "submit",
    userId,
  });
  assert.ok(behind.ok && behind.stage === 2 && behind.result.status === "fail");
  assert.equal(await stagesPassed(), 1);

  for (const [stage, name] of [
    [2, "redirect"],
    [3, "stats"],
  ] as const) {
    const graded = await gradeSubmission({
      exerciseId: PROJECT,
      code: solution(name),
      mode: "submit",
      stage,
      userId,
    });
    assert.ok(graded.ok && graded.result.status === "pass", JSON.stringify(graded).slice(0, 300));
  }
  const row = await db.progress.findUnique({ where: { userId_lessonId: { userId, lessonId: PROJECT } } });
  assert.equal(row?.stagesPassed, 3);
  assert.equal(row?.passed, true);
  assert.equal(row?.attempts, 4);

  const last = await db.submission.findFirst({ orderBy: { createdAt: "desc" }, where: { stage: 3 } });
  assert.equal(last?.code, "");
  assert.deepEqual(JSON.parse(last!.files!), solution("stats"));

  // A visitor (no learner) grades any stage; nothing is recorded.
  const visitor = await gradeSubmission({
    exerciseId: PROJECT,
    code: solution("stats"),
    mode: "run",
    stage: 3,
  });
  assert.ok(visitor.ok && visitor.submission === null && visitor.result.status === "pass");
});
