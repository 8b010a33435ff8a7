/** `npm run grade -- <exercise> <code-file> [--run]`: the exercise mode of scripts/grade.ts. */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { main } from "../../scripts/grade.ts";
import { resolveExerciseArg } from "./grade-exercise.ts";

const LESSON = "lessons/http/http-status-codes";

async function grade(...args: string[]) {
  let out = "";
  const status = await main(args, (text) => (out += text));
  return { status, result: out ? JSON.parse(out) : null };
}

test("an exercise path or id resolves to the lesson id (and the lessons folder for a path)", () => {
  assert.deepEqual(resolveExerciseArg("http-status-codes"), { id: "http-status-codes" });
  assert.deepEqual(resolveExerciseArg(`${LESSON}/solution.ts`), {
    id: "http-status-codes",
    root: path.resolve("lessons"),
  });
  const fixture = "lib/content/fixtures/mistake-accepted/t/add-numbers";
  assert.deepEqual(resolveExerciseArg(fixture), {
    id: "add-numbers",
    root: path.resolve("lib/content/fixtures/mistake-accepted"),
  });
});

test("submit grades visible and hidden tests; --run only the visible ones", async () => {
  const submit = await grade("http-status-codes", `${LESSON}/solution.ts`);
  assert.equal(submit.status, 0);
  assert.equal(submit.result.status, "pass");
  assert.ok(submit.result.tests.some((t: { hidden?: boolean }) => t.hidden));
  const run = await grade("http-status-codes", `${LESSON}/solution.ts`, "--run");
  assert.equal(run.result.status, "pass");
  assert.ok(run.result.tests.every((t: { hidden?: boolean }) => !t.hidden));
  assert.ok(run.result.tests.length < submit.result.tests.length);
});

test("a common mistake fails on submit, with hidden tests named but not shown", async () => {
  const { status, result } = await grade(LESSON, `${LESSON}/mistakes/no-allow-header.ts`);
  assert.equal(status, 0);
  assert.equal(result.status, "fail");
  assert.ok(result.tests.some((t: { status: string; hidden?: boolean }) => t.status === "fail" && t.hidden));
});

test("an unknown exercise is a usage error (exit 2)", async () => {
  const { status } = await grade("no-such-exercise", `${LESSON}/solution.ts`);
  assert.equal(status, 2);
});

test("--seed replays a grade's generated inputs: the same seed, the same full result", async () => {
  const lesson = "lessons/http/parse-query-pagination";
  const strip = (r: { tests: { durationMs: number }[]; durationMs: number }) => ({
    ...r,
    durationMs: 0,
    tests: r.tests.map((t) => ({ ...t, durationMs: 0 })),
  });
  const a = await grade(lesson, `${lesson}/mistakes/parse-int.ts`, "--seed", "4242");
  const b = await grade(lesson, `${lesson}/mistakes/parse-int.ts`, "--seed", "4242");
  assert.equal(a.status, 0);
  assert.equal(a.result.seed, 4242);
  assert.equal(a.result.status, "fail");
  // The author's view: hidden tests' messages are there (the property's counterexample included).
  assert.ok(
    a.result.tests.some(
      (t: { hidden?: boolean; message?: string }) => t.hidden && /Counterexample/.test(t.message ?? ""),
    ),
  );
  assert.deepEqual(strip(a.result), strip(b.result));
  assert.equal((await grade(lesson, `${lesson}/solution.ts`, "--seed", "-1")).status, 2);
  assert.equal((await grade(lesson, `${lesson}/solution.ts`, "--seed", "x")).status, 2);
});
