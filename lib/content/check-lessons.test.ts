/**
 * The checker against broken fixture lessons (lib/content/fixtures/<case>/, one lessons folder per
 * rule). Each offending line carries a marker `expect: <rule>`; the checker must report exactly
 * those (rule, file, line) triples: the rule, at the right place, and nothing else.
 * Grading fixtures go through the real sandbox.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { after, describe, test } from "node:test";
import { createGrader } from "../../sandbox/index.ts";
import { checkLessons } from "./check-lessons.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const GRADING_RULES = new Set([
  "solution-fails",
  "stage-order",
  "starter-passes",
  "starter-broken",
  "mistake-accepted",
  "mutant-survives",
  "equivalent-fails",
  "time-budget",
  "bar-hidden-tests",
]);

const grader = createGrader({ workers: 1 });
after(() => grader.close());

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The `expect: <rule>` markers of a fixture, as "rule file:line" strings. */
function expectedProblems(root: string): string[] {
  const expected: string[] = [];
  for (const file of filesUnder(root)) {
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        const marker = /expect: ([a-z-]+)/.exec(line);
        if (marker) expected.push(`${marker[1]} ${path.relative(root, file)}:${i + 1}`);
      });
  }
  return expected.sort();
}

const cases = readdirSync(FIXTURES).filter((name) => statSync(path.join(FIXTURES, name)).isDirectory());

test("there is a fixture for every checker rule", () => {
  const rules = new Set(
    cases.flatMap((name) => expectedProblems(path.join(FIXTURES, name)).map((e) => e.split(" ")[0])),
  );
  for (const rule of [
    "schema",
    "yaml",
    "missing-file",
    "unexpected-file",
    "duplicate-id",
    "missing-prerequisite",
    "prerequisite-cycle",
    "broken-link",
    "markdown",
    "quiz-answers",
    "solution-fails",
    "starter-passes",
    "starter-broken",
    "mistake-accepted",
    "mutant-survives",
    "stage-order",
    "equivalent-fails",
    "time-budget",
    "bar-prose",
    "bar-hints",
    "bar-quiz",
    "bar-hidden-tests",
    "bar-mistakes",
    "bar-equivalents",
    "seed-fails",
  ]) {
    assert.ok(rules.has(rule), `no fixture marks a problem of rule "${rule}"`);
  }
});

describe("lessons:check on broken fixtures", () => {
  for (const name of cases) {
    test(name, async () => {
      const root = path.join(FIXTURES, name);
      const expected = expectedProblems(root);
      assert.ok(expected.length > 0, `fixture ${name} has no "expect:" marker`);
      const rules = expected.map((e) => e.split(" ")[0]);
      const needsSandbox = rules.some((rule) => GRADING_RULES.has(rule));
      // The quality bar is checked only where a fixture expects it: the other fixtures are short on purpose.
      const bar = rules.some((rule) => rule.startsWith("bar-"));
      const report = await checkLessons({
        root,
        grade: needsSandbox ? (job) => grader.grade(job) : undefined,
        bar,
      });
      const actual = report.problems.map((p) => `${p.rule} ${path.relative(root, p.file)}:${p.line}`).sort();
      assert.deepEqual(
        actual,
        expected,
        report.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n"),
      );
    });
  }
});

describe("the lessons:check command", () => {
  const runWith = (env: Record<string, string>, ...args: string[]) =>
    spawnSync("sh", ["scripts/node.sh", "scripts/lessons-check.ts", ...args], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      encoding: "utf8",
      env: { ...process.env, LESSONS_DIR: "", ...env },
    });
  const run = (...args: string[]) => runWith({}, ...args);

  test("prints file:line: message per problem and a summary, and exits 1", () => {
    const result = run("lib/content/fixtures/quiz-answers", "--no-grade", "--no-bar");
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trim().split("\n");
    assert.match(
      lines[0],
      /^lib\/content\/fixtures\/quiz-answers\/t\/add-numbers\/lesson\.md:7: quiz question "two-right" has 2 right answers/,
    );
    assert.match(lines[1], /^lib\/content\/fixtures\/quiz-answers\/t\/add-numbers\/lesson\.md:12: /);
    assert.match(
      lines[2],
      /^lessons:check: 2 problem\(s\) in 1 file\(s\); 1 lesson\(s\), 0 exercise\(s\), grading skipped \(--no-grade\); \d+\.\d s$/,
    );
  });

  test("checks one lesson when given a file inside it, and exits 0 when it is fine", () => {
    const result = run("lessons/http/http-status-codes/lesson.md", "--no-grade");
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^lessons:check: ok; 1 lesson\(s\), 1 exercise\(s\)/m);
  });

  test("applies the quality bar unless --no-bar", () => {
    const result = run("lib/content/fixtures/bar", "--no-grade");
    assert.equal(result.status, 1, result.stderr);
    for (const rule of ["prose has \\d+ words", "1 hint\\(s\\)", "quiz has 1 question", "1 common mistake"]) {
      assert.match(result.stdout, new RegExp(rule), result.stdout);
    }
    assert.equal(run("lib/content/fixtures/bar", "--no-grade", "--no-bar").status, 0);
  });

  test("checks LESSONS_DIR when it is set, like the app and grade", () => {
    const result = runWith({ LESSONS_DIR: "lib/content/fixtures/quiz-answers" }, "--no-grade", "--no-bar");
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /fixtures\/quiz-answers\/t\/add-numbers\/lesson\.md:7: /);
  });

  test("--summary prints each exercise's kind, the hidden tests Submit ran, and its mistakes", () => {
    const lesson = "lessons/http/http-status-codes";
    const mistakes = readdirSync(`${lesson}/mistakes`).length;
    const graded = run(lesson, "--summary");
    assert.equal(graded.status, 0, graded.stdout + graded.stderr);
    const row = graded.stdout.match(/^\| http\/http-status-codes \| handler \| (\d+) \| (\d+) \| - \|$/m);
    assert.ok(row, graded.stdout);
    assert.ok(Number(row[1]) >= 6, `hidden tests: ${row[1]}`);
    assert.equal(Number(row[2]), mistakes);
    assert.match(graded.stdout, /^1 exercise\(s\): 1 handler$/m);
    assert.match(
      run(lesson, "--summary", "--no-grade").stdout,
      /^\| http\/http-status-codes \| handler \| not graded \| /m,
    );
  });

  test("refuses a path that does not exist", () => {
    const result = run("lessons/no-such-track", "--no-grade");
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no such file or folder/);
  });
});
