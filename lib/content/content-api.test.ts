/**
 * The content API (lib/content/index.ts) as the app uses it, on a temporary copy of the real
 * lessons (LESSONS_DIR), so the development reload can be shown by editing files.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

const tmp = mkdtempSync(path.join(os.tmpdir(), "serverside-lessons-"));
const root = path.join(tmp, "lessons");
cpSync(path.resolve(import.meta.dirname, "../../lessons"), root, { recursive: true });
process.env.LESSONS_DIR = root;
after(() => rmSync(tmp, { recursive: true, force: true }));

const content = await import("./index.ts");
/** process.env without Next's read-only NODE_ENV typing: the test switches modes. */
const env = process.env as Record<string, string | undefined>;
const LESSON = "http-status-codes";
const lessonFile = path.join(root, "http", LESSON, "lesson.md");

describe("reading lessons", () => {
  test("listTracks, getTrack, getLesson and getPublicLesson agree", async () => {
    const tracks = await content.listTracks();
    const http = await content.getTrack("http");
    assert.ok(http && tracks.some((t) => t.id === "http"));
    assert.ok(http.lessons.some((l) => l.id === LESSON));
    const lesson = await content.getLesson("http", LESSON);
    assert.equal(lesson?.id, LESSON);
    assert.deepEqual(await content.getPublicLesson(LESSON), lesson);
    assert.equal(
      await content.getLesson("databases", LESSON),
      null,
      "a lesson is only found in its own track",
    );
    assert.equal(await content.getLesson("http", "no-such-lesson"), null);
    assert.equal(await content.getTrack("no-such-track"), null);
  });

  test("getExercise returns the private side; the public lesson only counts hints", async () => {
    const exercise = await content.getExercise(LESSON);
    const lesson = await content.getPublicLesson(LESSON);
    assert.ok(exercise && lesson?.exercise);
    assert.ok(content.isCodeExercise(exercise) && exercise.hiddenTests[0]!.source.length > 0);
    assert.equal(lesson.exercise.hintCount, exercise.hints.length);
    assert.equal(await content.getExercise("no-such-lesson"), null);
  });
});

describe("hints", () => {
  test("getHint releases one hint by index, and nothing out of range", async () => {
    const first = await content.getHint(LESSON, 0);
    assert.ok(first);
    assert.equal(first.index, 0);
    assert.ok(first.total >= 2);
    assert.match(first.html, /<p>/);
    assert.equal(await content.getHint(LESSON, first.total), null);
    assert.equal(await content.getHint(LESSON, -1), null);
    assert.equal(await content.getHint(LESSON, 0.5), null);
    assert.equal(await content.getHint("no-such-lesson", 0), null);
  });
});

describe("quiz answers are checked on the server", () => {
  test("a single-answer question: right and wrong, with the chosen choice explained", async () => {
    const right = await content.checkQuizAnswer(LESSON, "create-status", ["a"]);
    assert.equal(right?.correct, true);
    assert.deepEqual(
      right?.explanations.map((e) => [e.choiceId, e.correct]),
      [["a", true]],
    );
    assert.match(right!.explanations[0].html, /Location/);
    const wrong = await content.checkQuizAnswer(LESSON, "create-status", ["b"]);
    assert.equal(wrong?.correct, false);
    assert.deepEqual(
      wrong?.explanations.map((e) => [e.choiceId, e.correct]),
      [["b", false]],
    );
  });

  test("a multiple-answer question needs exactly the right set", async () => {
    assert.equal((await content.checkQuizAnswer(LESSON, "client-or-server", ["a", "c"]))?.correct, true);
    assert.equal((await content.checkQuizAnswer(LESSON, "client-or-server", ["a"]))?.correct, false);
    assert.equal(
      (await content.checkQuizAnswer(LESSON, "client-or-server", ["a", "b", "c"]))?.correct,
      false,
    );
    assert.equal((await content.checkQuizAnswer(LESSON, "client-or-server", []))?.correct, false);
  });

  test("unknown lessons, questions or choices, and several choices on a single-answer question, are null", async () => {
    assert.equal(await content.checkQuizAnswer(LESSON, "no-such-question", ["a"]), null);
    assert.equal(await content.checkQuizAnswer("no-such-lesson", "create-status", ["a"]), null);
    assert.equal(await content.checkQuizAnswer(LESSON, "create-status", ["z"]), null);
    assert.equal(await content.checkQuizAnswer(LESSON, "create-status", ["a", "b"]), null);
  });
});

describe("grade jobs", () => {
  test("buildGradeJob: run has the visible tests, submit adds the hidden ones; unknown ids are null", async () => {
    const run = await content.buildGradeJob(LESSON, "export const x = 1;", "run");
    const submit = await content.buildGradeJob(LESSON, "export const x = 1;", "submit");
    assert.equal(run?.kind, "code");
    assert.equal(submit?.kind, "code");
    if (run?.kind !== "code" || submit?.kind !== "code") return;
    assert.deepEqual(
      run.tests.map((t) => [t.name, !!t.hidden]),
      [["example.test.ts", false]],
    );
    assert.deepEqual(
      submit.tests.map((t) => [t.name, !!t.hidden]),
      [
        ["example.test.ts", false],
        ["hidden.test.ts", true],
      ],
    );
    assert.equal(submit.code, "export const x = 1;");
    assert.equal(await content.buildGradeJob("no-such-lesson", "", "run"), null);
  });
});

describe("development reload", () => {
  test("a saved lesson file shows up on the next call, without a restart", async () => {
    const original = readFileSync(lessonFile, "utf8");
    writeFileSync(lessonFile, original.replace(/^title: .*$/m, "title: Edited while the app runs"));
    assert.equal((await content.getLesson("http", LESSON))?.title, "Edited while the app runs");
    writeFileSync(lessonFile, original);
    assert.notEqual((await content.getLesson("http", LESSON))?.title, "Edited while the app runs");
  });

  test("a broken lesson throws its problems (file:line) in development, and is a 404 in production", async () => {
    const original = readFileSync(lessonFile, "utf8");
    writeFileSync(lessonFile, original.replace(/^minutes: .*$/m, "minutes: soon"));
    try {
      await assert.rejects(content.getLesson("http", LESSON), (error: Error) => {
        assert.equal(error.name, "ContentError");
        assert.match(error.message, /http-status-codes\/lesson\.md:\d+: minutes: /);
        return true;
      });
      env.NODE_ENV = "production";
      assert.equal(await content.getLesson("http", LESSON), null);
      assert.ok(
        (await content.getLesson("http", "parse-query-pagination"))?.title,
        "other lessons still load",
      );
    } finally {
      delete env.NODE_ENV;
      writeFileSync(lessonFile, original);
    }
  });

  test("watchLessons reports a change once (debounced) and stops after unsubscribing", async () => {
    const seen: (string | null)[] = [];
    const stop = content.watchLessons((file) => seen.push(file), root);
    try {
      const original = readFileSync(lessonFile, "utf8");
      writeFileSync(lessonFile, `${original}\n`);
      writeFileSync(lessonFile, original);
      for (let i = 0; i < 40 && seen.length === 0; i++) await sleep(50);
      assert.equal(seen.length, 1);
      assert.match(String(seen[0]), /http-status-codes/);
    } finally {
      stop();
    }
    writeFileSync(
      path.join(root, "http", "track.yaml"),
      readFileSync(path.join(root, "http", "track.yaml"), "utf8"),
    );
    await sleep(300);
    assert.equal(seen.length, 1, "no events after unsubscribing");
  });
});
