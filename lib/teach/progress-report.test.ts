import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { testDatabaseUrl } from "../db/test-database.ts";

// A real database (SQLite, or PostgreSQL under npm run test:pg); env is read when lib/ modules load.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-teach-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "teach");

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { getTeachOverview, listLearnerLessonRows } = await import("./progress-report.ts");
const { buildProgressCsv, PROGRESS_CSV_HEADER } = await import("./csv.ts");

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
});
after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the overview counts submissions and runs apart, learners' only", async () => {
  const learner = await db.user.create({ data: { email: "lena@example.com" } });
  const instructor = await db.user.create({ data: { email: "prof@example.com", role: "instructor" } });
  const record = (userId: string, mode: "run" | "submit") =>
    db.submission.create({
      data: {
        userId,
        exerciseId: "parse-query-pagination",
        mode,
        language: "ts",
        code: "",
        status: "fail",
        result: "{}",
        durationMs: 1,
      },
    });
  for (const mode of ["submit", "submit", "run", "run", "run"] as const) await record(learner.id, mode);
  // An instructor's own tries are not learners' figures.
  await record(instructor.id, "submit");
  await record(instructor.id, "run");

  const overview = await getTeachOverview();
  assert.equal(overview.learnerCount, 1);
  assert.equal(overview.submissionCount, 2);
  assert.equal(overview.runCount, 3);
  const lesson = overview.tracks
    .flatMap((t) => t.lessons)
    .find((l) => l.lessonId === "parse-query-pagination");
  assert.equal(lesson?.runs, 3);
});

test("the statistics' numbers: pass rate, mean attempts to pass, hints, per-track passes, last activity", async () => {
  // Three learners on http-status-codes: ada passed on her 3rd submit (2 failed), bo on his 1st,
  // cy attempted 4 times and has not passed. A fourth learner only opened the lesson.
  const make = (email: string, name: string | null = null) => db.user.create({ data: { email, name } });
  const [ada, bo, cy, dee] = await Promise.all([
    make("ada@example.com", "Ada"),
    make("bo@example.com"),
    make("cy@example.com"),
    make("dee@example.com"),
  ]);
  const lesson = "http-status-codes";
  await db.progress.createMany({
    data: [
      {
        userId: ada.id,
        lessonId: lesson,
        attempts: 3,
        failedAttempts: 2,
        passed: true,
        firstPassedAt: new Date("2026-01-02T00:00:00Z"),
      },
      {
        userId: bo.id,
        lessonId: lesson,
        attempts: 1,
        failedAttempts: 0,
        passed: true,
        firstPassedAt: new Date("2026-01-03T00:00:00Z"),
      },
      { userId: cy.id, lessonId: lesson, attempts: 4, failedAttempts: 4, passed: false },
      { userId: dee.id, lessonId: lesson, attempts: 0, failedAttempts: 0, passed: false },
      // ada also passed a databases lesson.
      { userId: ada.id, lessonId: "sql-select-where", attempts: 1, failedAttempts: 0, passed: true },
    ],
  });
  await db.hintView.createMany({
    data: [
      { userId: ada.id, exerciseId: lesson, hintIndex: 0 },
      { userId: ada.id, exerciseId: lesson, hintIndex: 1 },
      { userId: cy.id, exerciseId: lesson, hintIndex: 0 },
    ],
  });
  const at = (iso: string) => new Date(iso);
  const submit = (userId: string, createdAt: Date, exerciseId = lesson) =>
    db.submission.create({
      data: {
        userId,
        exerciseId,
        mode: "submit",
        language: "ts",
        code: "",
        status: "fail",
        result: "{}",
        durationMs: 1,
        createdAt,
      },
    });
  await submit(ada.id, at("2026-01-01T10:00:00Z"));
  await submit(ada.id, at("2026-01-02T10:00:00Z"), "sql-select-where");
  await submit(cy.id, at("2026-01-05T10:00:00Z"));

  const overview = await getTeachOverview();
  const stats = overview.tracks.flatMap((t) => t.lessons).find((l) => l.lessonId === lesson)!;
  assert.equal(stats.attempted, 3);
  assert.equal(stats.passed, 2);
  assert.equal(stats.passRate, 2 / 3);
  // (2 + 1) and (0 + 1) submits to the first pass: a mean of 2.
  assert.equal(stats.meanAttemptsToPass, 2);
  assert.equal(stats.attempts, 8);
  assert.equal(stats.hintsUsed, 3);
  // Nobody attempted an untouched lesson: no rate rather than 0 %.
  const untouched = overview.tracks
    .flatMap((t) => t.lessons)
    .find((l) => l.lessonId === "parse-query-pagination")!;
  assert.equal(untouched.attempted, 0);
  assert.equal(untouched.passRate, null);
  assert.equal(untouched.meanAttemptsToPass, null);

  const row = (email: string) => overview.learners.find((l) => l.email === email)!;
  assert.deepEqual(
    {
      passed: row("ada@example.com").passed,
      attempts: row("ada@example.com").attempts,
      hints: row("ada@example.com").hintsUsed,
    },
    { passed: 2, attempts: 4, hints: 2 },
  );
  assert.deepEqual(row("ada@example.com").passedByTrack, { http: 1, databases: 1 });
  assert.deepEqual(row("ada@example.com").lastActivity, at("2026-01-02T10:00:00Z"));
  assert.deepEqual(row("cy@example.com").passedByTrack, {});
  assert.equal(row("cy@example.com").hintsUsed, 1);
  assert.equal(row("dee@example.com").lastActivity, null);
  // Learners are listed by email.
  const emails = overview.learners.map((l) => l.email);
  assert.deepEqual(emails, [...emails].sort());

  // The per-lesson export rows and their CSV.
  const [adaRows] = await listLearnerLessonRows(ada.id);
  assert.equal(adaRows!.learner.email, "ada@example.com");
  const adaLesson = adaRows!.rows.find((r) => r.lessonId === lesson)!;
  assert.deepEqual(
    {
      attempts: adaLesson.attempts,
      failed: adaLesson.failedAttempts,
      passed: adaLesson.passed,
      hints: adaLesson.hintsUsed,
      track: adaLesson.trackId,
    },
    { attempts: 3, failed: 2, passed: true, hints: 2, track: "http" },
  );
  assert.deepEqual(adaLesson.lastSubmissionAt, at("2026-01-01T10:00:00Z"));
  const never = adaRows!.rows.find((r) => r.lessonId === "parse-query-pagination")!;
  assert.deepEqual(
    { attempts: never.attempts, passed: never.passed, last: never.lastSubmissionAt },
    { attempts: 0, passed: false, last: null },
  );
  const csv = buildProgressCsv([adaRows!]).split("\r\n");
  assert.equal(csv[0], PROGRESS_CSV_HEADER.join(","));
  assert.ok(
    csv.includes(
      "ada@example.com,Ada,http,http-status-codes,3,2,true,2026-01-02T00:00:00.000Z,2,2026-01-01T10:00:00.000Z",
    ),
    csv.slice(0, 4).join("\n"),
  );
  // Only learners: an instructor's id gives no rows.
  const instructor = await db.user.findFirstOrThrow({ where: { role: "instructor" } });
  assert.deepEqual(await listLearnerLessonRows(instructor.id), []);
});
