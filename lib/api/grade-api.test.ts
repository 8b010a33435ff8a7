/**
 * Grading through the API on a real database, the real sandbox and the real lessons: the checks that
 * are the caller's fault come before any sandbox time, a learner's key acts only for its owner, the
 * response is the learner's view, and a batch with an Idempotency-Key never grades an item twice.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { testDatabaseUrl } from "../db/test-database.ts";
import type { AuthenticatedKey } from "./keys.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-grade-api-"));
process.env.DATABASE_URL = await testDatabaseUrl(dir, "grade_api");
process.env.SANDBOX_WORKERS = "1";

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const { AppError } = await import("../errors.ts");
const { getServerGrader } = await import("../grading/grader.ts");
const { createApiKey, findApiKey } = await import("./keys.ts");
const { gradeForApi } = await import("./grade.ts");
const { gradeBatch } = await import("./batch.ts");
const { getExerciseDetail, getTrackOrThrow } = await import("./catalog.ts");
const idempotency = await import("./idempotency.ts");

const EXERCISE = "http-status-codes";
const solution = fs.readFileSync(
  path.resolve(import.meta.dirname, `../../lessons/http/${EXERCISE}/solution.ts`),
  "utf8",
);
let instructor: AuthenticatedKey;
let learnerKey: AuthenticatedKey;
let learner = { id: "", email: "learner@example.com" };

async function keyFor(email: string, role: string): Promise<AuthenticatedKey> {
  const user = await db.user.create({ data: { email, role } });
  const { key } = await createApiKey({ userId: user.id, name: email });
  return (await findApiKey(key))!;
}

before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
  instructor = await keyFor("prof@example.com", "instructor");
  learnerKey = await keyFor(learner.email, "learner");
  learner = { id: learnerKey.owner.id, email: learner.email };
});
after(async () => {
  await getServerGrader().close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);

test("the caller's mistakes are refused before grading, and nothing is recorded", async () => {
  await rejectsWith(
    gradeForApi({ apiKey: learnerKey, exerciseId: "no-such-exercise", code: "x", mode: "run" }),
    "unknown_exercise",
  );
  await rejectsWith(
    gradeForApi({ apiKey: learnerKey, exerciseId: EXERCISE, code: "x".repeat(300_000), mode: "run" }),
    "code_too_large",
  );
  await rejectsWith(
    gradeForApi({ apiKey: learnerKey, exerciseId: EXERCISE, files: { "a.ts": "" }, mode: "run" }),
    "invalid_files",
  );
  // A learner's key acts only for its owner; an instructor's key names learners, not other staff.
  await rejectsWith(
    gradeForApi({
      apiKey: learnerKey,
      exerciseId: EXERCISE,
      code: solution,
      mode: "run",
      learner: "prof@example.com",
    }),
    "forbidden",
  );
  await rejectsWith(
    gradeForApi({
      apiKey: instructor,
      exerciseId: EXERCISE,
      code: solution,
      mode: "run",
      learner: "nobody@example.com",
    }),
    "unknown_learner",
  );
  await keyFor("other-prof@example.com", "instructor");
  await rejectsWith(
    gradeForApi({
      apiKey: instructor,
      exerciseId: EXERCISE,
      code: solution,
      mode: "run",
      learner: "other-prof@example.com",
    }),
    "forbidden",
  );
  assert.equal(await db.submission.count(), 0);
});

test("an instructor's key grades for a learner: recorded for the learner, answered with the learner's view", async () => {
  const response = await gradeForApi({
    apiKey: instructor,
    exerciseId: EXERCISE,
    code: solution,
    mode: "submit",
    learner: learner.email,
  });
  assert.equal(response.result.status, "pass", JSON.stringify(response.result));
  assert.deepEqual(response.learner, learner);
  const hidden = response.result.tests.filter((t) => t.hidden);
  assert.ok(hidden.length > 0, "the exercise has hidden tests");
  // The learner's view: hidden tests keep their names and statuses, never their values.
  for (const t of hidden) assert.equal(t.redacted, true, t.name);
  const row = await db.submission.findUniqueOrThrow({ where: { id: response.submissionId } });
  assert.equal(row.userId, learner.id);
  assert.equal(row.apiKeyId, instructor.id);
  assert.equal(
    (await db.progress.findUnique({ where: { userId_lessonId: { userId: learner.id, lessonId: EXERCISE } } }))
      ?.passed,
    true,
  );
});

test("a batch: items graded in order, a bad item fails alone, and a retry with the same key grades nothing again", async () => {
  const started = await idempotency.startIdempotent(learnerKey.id, "batch-1", "hash");
  if (started.kind !== "started") throw new Error("not started");
  let consumed = 0;
  const body = {
    submissions: [
      { exerciseId: EXERCISE, code: solution, mode: "run" },
      { exerciseId: "no-such-exercise", code: "x" },
      {
        exerciseId: EXERCISE,
        code: "export function handler() { return new Response(null, { status: 500 }); }",
        mode: "run",
      },
      { nope: true },
    ],
  };
  const first = await gradeBatch({
    apiKey: learnerKey,
    body,
    idempotency: started.handle,
    consume: async (n) => void (consumed += n),
  });
  assert.equal(consumed, 3, "one token per item beyond the first");
  assert.deepEqual(
    first.results.map((r) => (r.ok ? r.result.status : r.error.code)),
    ["pass", "unknown_exercise", "fail", "validation_failed"],
  );
  const recorded = await db.submission.count({ where: { apiKeyId: learnerKey.id } });
  assert.equal(recorded, 2);

  // The same batch again (its first run was interrupted before the response was stored): the graded
  // items come from the records, not from a second grade.
  const again = await gradeBatch({
    apiKey: learnerKey,
    body,
    idempotency: started.handle,
    consume: async () => {},
  });
  assert.equal(await db.submission.count({ where: { apiKeyId: learnerKey.id } }), recorded);
  assert.deepEqual(
    again.results.filter((r) => r.ok).map((r) => (r.ok ? r.submissionId : null)),
    first.results.filter((r) => r.ok).map((r) => (r.ok ? r.submissionId : null)),
  );
  // Replayed items are the graded ones byte for byte, though their records hold no copy of the result.
  assert.equal(JSON.stringify(again.results), JSON.stringify(first.results));
  for (const record of await db.idempotencyRecord.findMany({ where: { key: { startsWith: "batch-1 #" } } })) {
    assert.ok(record.submissionId, record.key);
    assert.ok(!record.response!.includes('"result"'), record.response!);
  }
  await rejectsWith(
    gradeBatch({ apiKey: learnerKey, body: { submissions: [] }, idempotency: null, consume: async () => {} }),
    "validation_failed",
  );
});

test("a grade's idempotency record refers to its submission: replayed byte for byte; old full copies replay; a deleted submission frees the key", async () => {
  const started = await idempotency.startIdempotent(instructor.id, "one-grade", "h");
  if (started.kind !== "started") throw new Error("not started");
  const response = await gradeForApi({
    apiKey: instructor,
    exerciseId: EXERCISE,
    code: "export function handler() { return new Response(null, { status: 500 }); }",
    mode: "submit",
    learner: learner.email,
    store: (tx, body) => idempotency.finishIdempotent(started.handle, 201, body, tx),
  });
  const sent = JSON.stringify(response);
  const record = await db.idempotencyRecord.findUniqueOrThrow({ where: { id: started.handle.recordId } });
  assert.equal(record.submissionId, response.submissionId);
  assert.ok(
    record.response!.length < 400 && sent.length > 1000,
    `stored ${record.response!.length} bytes of a ${sent.length}-byte response`,
  );
  assert.deepEqual(await idempotency.startIdempotent(instructor.id, "one-grade", "h"), {
    kind: "replay",
    status: 201,
    body: sent,
    submissionId: response.submissionId,
  });

  // A record written before references (the whole response, no submission id) replays as stored.
  await db.idempotencyRecord.create({
    data: {
      apiKeyId: instructor.id,
      key: "old-copy",
      requestHash: "h",
      state: "done",
      statusCode: 201,
      response: sent,
    },
  });
  assert.deepEqual(await idempotency.startIdempotent(instructor.id, "old-copy", "h"), {
    kind: "replay",
    status: 201,
    body: sent,
    submissionId: null,
  });

  // The submission gone (its learner's account deleted): the record is dropped, the key runs afresh.
  await db.submission.delete({ where: { id: response.submissionId } });
  const fresh = await idempotency.startIdempotent(instructor.id, "one-grade", "h");
  assert.equal(fresh.kind, "started");
  assert.notEqual(fresh.kind === "started" && fresh.handle.recordId, record.id);
});

test("the catalog: tracks and exercises by id, public parts only", async () => {
  const track = await getTrackOrThrow("http");
  assert.ok(track.lessons.some((lesson) => lesson.id === EXERCISE));
  await rejectsWith(getTrackOrThrow("no-such-track"), "not_found");
  const detail = await getExerciseDetail(EXERCISE);
  assert.equal(detail.trackId, "http");
  const json = JSON.stringify(detail);
  assert.ok(
    !json.includes(
      solution
        .trim()
        .split("\n")
        .find((line) => line.trim().length > 30)!
        .trim(),
    ),
    "no line of the solution",
  );
  await rejectsWith(getExerciseDetail("no-such-exercise"), "unknown_exercise");
});
