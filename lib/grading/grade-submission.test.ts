/**
 * gradeSubmission against a real SQLite file, the real sandbox and a copy of the real lessons: an
 * `internal` result is recorded but is no attempt; refusals (owner limit, draining) are errors that
 * record nothing; a drain waits for grades in flight.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";

// env is read when lib/ modules load: set it first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-grading-"));
const lessons = path.join(dir, "lessons");
fs.cpSync(path.resolve(import.meta.dirname, "../../lessons"), lessons, { recursive: true });
// A broken exercise: its hidden test file does not compile, so every submit is the grader's failure.
fs.appendFileSync(
  path.join(lessons, "http", "parse-query-pagination", "hidden.test.ts"),
  "\ntest('broken', () => {\n",
);
process.env.LESSONS_DIR = lessons;
process.env.DATABASE_URL = await testDatabaseUrl(dir, "grading");
process.env.SANDBOX_WORKERS = "1";
process.env.GRADER_MAX_PENDING_PER_USER = "2";

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { AppError } = await import("../errors.ts");
const { gradeSubmission } = await import("./grade-submission.ts");
const { getServerGrader, gradesInFlight, stopAcceptingGrades, waitForGradesInFlight } =
  await import("./grader.ts");

const solution = (id: string) => fs.readFileSync(path.join(lessons, "http", id, "solution.ts"), "utf8");
const LOOP = "export function parseListQuery(search: string) { for (;;) {} }";
let userId = "";

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
  userId = (await db.user.create({ data: { email: "ada@example.com" } })).id;
});
after(async () => {
  await getServerGrader().close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const progressOf = (lessonId: string) =>
  db.progress.findUnique({ where: { userId_lessonId: { userId, lessonId } } });

test("an internal error is recorded as a submission but is not an attempt", async () => {
  const outcome = await gradeSubmission({
    exerciseId: "parse-query-pagination",
    code: solution("parse-query-pagination"),
    mode: "submit",
    userId,
  });
  assert.ok(outcome.ok);
  assert.equal(outcome.result.error?.kind, "internal", JSON.stringify(outcome.result));
  assert.ok(outcome.submission, "recorded");
  assert.equal(await progressOf("parse-query-pagination"), null, "no attempt counted");

  const counted = await gradeSubmission({
    exerciseId: "http-status-codes",
    code: "export function handler() { return 1; }",
    mode: "submit",
    userId,
  });
  assert.ok(counted.ok);
  assert.notEqual(counted.result.status, "pass");
  assert.equal((await progressOf("http-status-codes"))?.failedAttempts, 1, "a real failure is an attempt");
});

test("past the owner's limit a grade is refused with 429 and Retry-After, and nothing is recorded", async () => {
  const before = await db.submission.count();
  const loops = [1, 2].map(() =>
    gradeSubmission({ exerciseId: "parse-query-pagination", code: LOOP, mode: "run", userId }),
  );
  // Both loops admitted by the pool before the third grade asks.
  while (getServerGrader().stats().running + getServerGrader().stats().queued < 2)
    await new Promise((resolve) => setTimeout(resolve, 5));
  await assert.rejects(
    gradeSubmission({
      exerciseId: "http-status-codes",
      code: solution("http-status-codes"),
      mode: "run",
      userId,
    }),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === "rate_limited" &&
      Number(error.details?.retryAfterSeconds) >= 1,
  );
  await Promise.all(loops);
  assert.equal(await db.submission.count(), before + 2);
});

test("progress: failures count without touching a pass; the first pass's time is kept", async () => {
  const submit = (code: string) =>
    gradeSubmission({ exerciseId: "problem-details", code, mode: "submit", userId });
  const wrong = fs.readFileSync(path.join(lessons, "http", "problem-details", "starter.ts"), "utf8");
  const row = () => progressOf("problem-details");

  assert.ok((await submit(wrong)).ok);
  assert.deepEqual(
    (({ attempts, failedAttempts, passed, firstPassedAt }) => ({
      attempts,
      failedAttempts,
      passed,
      firstPassedAt,
    }))((await row())!),
    { attempts: 1, failedAttempts: 1, passed: false, firstPassedAt: null },
    "a first failure creates the row",
  );
  const pass = await submit(solution("problem-details"));
  assert.ok(pass.ok && pass.result.status === "pass", JSON.stringify(pass));
  const passedAt = pass.submission!.createdAt;
  assert.ok((await submit(wrong)).ok);
  assert.ok((await submit(solution("problem-details"))).ok);
  const after = (await row())!;
  assert.equal(after.attempts, 4);
  assert.equal(after.failedAttempts, 2);
  assert.equal(after.passed, true, "a failure after a pass leaves it passed");
  assert.equal(after.firstPassedAt?.getTime(), passedAt.getTime(), "the first pass's time, not a later one");
});

test("draining: new grades get 503, grades in flight finish and are recorded", async () => {
  const inFlight = gradeSubmission({
    exerciseId: "http-status-codes",
    code: solution("http-status-codes"),
    mode: "submit",
    userId,
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(gradesInFlight(), 1);
  stopAcceptingGrades();
  await assert.rejects(
    gradeSubmission({
      exerciseId: "http-status-codes",
      code: solution("http-status-codes"),
      mode: "submit",
      userId,
    }),
    (error: unknown) => error instanceof AppError && error.code === "unavailable" && error.status === 503,
  );
  assert.equal(await waitForGradesInFlight(30_000), true);
  const outcome = await inFlight;
  assert.ok(outcome.ok);
  assert.equal(outcome.result.status, "pass");
  assert.equal((await progressOf("http-status-codes"))?.passed, true);
});
