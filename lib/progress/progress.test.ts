import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

// A real SQLite file for this test process; env is read when lib/ modules load, so set it first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-progress-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "progress");

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const progress = await import("./progress.ts");
const drafts = await import("./drafts.ts");

let userId = "";
let otherId = "";
before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
  userId = (await db.user.create({ data: { email: "ada@example.com" } })).id;
  otherId = (await db.user.create({ data: { email: "bob@example.com" } })).id;
});
after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the lesson state restores drafts per learner: one-file, per file, and none after a reset", async () => {
  assert.equal((await drafts.saveDraft(userId, "ex", "", "one", 0)).ok, true);
  assert.equal((await drafts.saveDraft(userId, "ex", "", "two", 1)).ok, true);
  await drafts.saveDraft(otherId, "ex", "", "bob's", 0);
  const state = await progress.getLessonState(userId, "ex");
  assert.equal(state.draft?.code, "two");
  assert.deepEqual(Object.keys(state.savedDrafts), [""]);
  assert.equal(state.savedDrafts[""]!.revision, 2);
  assert.equal((await progress.getLessonState(otherId, "ex")).draft?.code, "bob's");
  await drafts.resetDrafts(userId, "ex");
  const reset = await progress.getLessonState(userId, "ex");
  assert.equal(reset.draft, null);
  assert.deepEqual(reset.savedDrafts[""], {
    code: null,
    revision: 3,
    savedAt: reset.savedDrafts[""]!.savedAt,
  });
  assert.equal((await progress.getLessonState(otherId, "ex")).draft?.code, "bob's");

  await drafts.saveDraft(userId, "multi", "routes.ts", "routes v1", 0);
  await drafts.saveDraft(userId, "multi", "store.ts", "store v1", 0);
  await drafts.saveDraft(userId, "multi", "routes.ts", "routes v2", 1);
  const multi = await progress.getLessonState(userId, "multi");
  assert.deepEqual(multi.draftFiles, { "routes.ts": "routes v2", "store.ts": "store v1" });
  assert.equal(multi.draft, null);
  await drafts.resetDrafts(userId, "multi");
  assert.deepEqual((await progress.getLessonState(userId, "multi")).draftFiles, {});
});

test("a project's solution unlocks per stage: a passed stage's, or the current one's after enough failed submits", async () => {
  const exercise = { id: "proj", stageCount: 3, revealSolutionAfter: 2 };
  assert.equal(await progress.revealableSolutionStage(userId, exercise, null), null);
  assert.equal(
    await progress.revealableSolutionStage(userId, exercise, { passed: false, stagesPassed: 0 }),
    null,
  );
  assert.equal(
    await progress.revealableSolutionStage(userId, exercise, { passed: false, stagesPassed: 1 }),
    1,
  );
  const failed = {
    userId,
    exerciseId: "proj",
    mode: "submit",
    language: "ts",
    code: "",
    status: "fail",
    result: "{}",
    durationMs: 1,
  };
  // Failed submits of another stage do not count for the current one.
  await db.submission.create({ data: { ...failed, stage: 1 } });
  await db.submission.create({ data: { ...failed, stage: 2 } });
  assert.equal(
    await progress.revealableSolutionStage(userId, exercise, { passed: false, stagesPassed: 1 }),
    1,
  );
  await db.submission.create({ data: { ...failed, stage: 2 } });
  assert.equal(
    await progress.revealableSolutionStage(userId, exercise, { passed: false, stagesPassed: 1 }),
    2,
  );
  assert.equal(
    await progress.revealableSolutionStage(userId, exercise, { passed: true, stagesPassed: 3 }),
    3,
  );
});

test("hint views count once each and update Progress.hintsUsed", async () => {
  assert.equal(await progress.recordHintView(userId, "hints", 0), 1);
  assert.equal(await progress.recordHintView(userId, "hints", 0), 1);
  assert.equal(await progress.recordHintView(userId, "hints", 1), 2);
  const state = await progress.getLessonState(userId, "hints");
  assert.equal(state.hintsViewed, 2);
  assert.equal(state.progress?.hintsUsed, 2);
});

test("quiz answers keep the latest choice and quizCorrect counts right answers", async () => {
  assert.equal(await progress.recordQuizAnswer(userId, "quiz", "q1", ["a"], false), 0);
  assert.equal(await progress.recordQuizAnswer(userId, "quiz", "q1", ["b"], true), 1);
  assert.equal(await progress.recordQuizAnswer(userId, "quiz", "q2", ["a", "c"], true), 2);
  assert.equal(await progress.recordQuizAnswer(userId, "quiz", "q2", ["a"], false), 1);
  const state = await progress.getLessonState(userId, "quiz");
  assert.equal(state.progress?.quizCorrect, 1);
  assert.deepEqual(
    state.quizAnswers.sort((x, y) => x.questionId.localeCompare(y.questionId)),
    [
      { questionId: "q1", choiceIds: ["b"], correct: true },
      { questionId: "q2", choiceIds: ["a"], correct: false },
    ],
  );
});

test("opening a lesson sets lastOpenedAt without touching attempts", async () => {
  await progress.markLessonOpened(userId, "opened", new Date(1_000));
  await progress.markLessonOpened(userId, "opened", new Date(5_000));
  const rows = await progress.listProgress(userId);
  const row = rows.find((r) => r.lessonId === "opened");
  assert.equal(row?.lastOpenedAt?.getTime(), 5_000);
  assert.equal(row?.attempts, 0);
});

test("the solution is offered after a pass or enough failed attempts, never before", () => {
  assert.equal(progress.mayRevealSolution(null, 3), false);
  assert.equal(progress.mayRevealSolution({ passed: false, failedAttempts: 2 }, 3), false);
  assert.equal(progress.mayRevealSolution({ passed: false, failedAttempts: 3 }, 3), true);
  assert.equal(progress.mayRevealSolution({ passed: true, failedAttempts: 0 }, 3), true);
});
