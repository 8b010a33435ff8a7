import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

// A real SQLite file for this test process; env is read when lib/ modules load, so set it first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-teach-"));
process.env.DATABASE_URL = `file:${path.join(dir, "teach.db")}`;

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { getTeachOverview } = await import("./progress-report.ts");

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
      data: { userId, exerciseId: "parse-query-pagination", mode, language: "ts", code: "", status: "fail", result: "{}", durationMs: 1 },
    });
  for (const mode of ["submit", "submit", "run", "run", "run"] as const) await record(learner.id, mode);
  // An instructor's own tries are not learners' figures.
  await record(instructor.id, "submit");
  await record(instructor.id, "run");

  const overview = await getTeachOverview();
  assert.equal(overview.learnerCount, 1);
  assert.equal(overview.submissionCount, 2);
  assert.equal(overview.runCount, 3);
  const lesson = overview.tracks.flatMap((t) => t.lessons).find((l) => l.lessonId === "parse-query-pagination");
  assert.equal(lesson?.runs, 3);
});
