/**
 * Nothing private reaches the browser: every public object the loader produces (PublicLesson,
 * TrackSummary), serialized, must contain no line of a hidden test, attack, solution, mistake,
 * mutant or hidden seed, no hint text, no quiz answer or explanation, and no private key name.
 * Runs on the real lessons and on the fixture lessons (which cover the tests kind in js too).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { loadContent } from "./load-content.ts";
import type { ExerciseFile } from "./private-types.ts";
import type { PublicLesson, TrackSummary } from "./public-types.ts";

const LESSONS = path.resolve(import.meta.dirname, "../../lessons");
const FIXTURES = path.join(import.meta.dirname, "fixtures");
const roots = [LESSONS, ...readdirSync(FIXTURES).map((name) => path.join(FIXTURES, name))];

/** Keys that only private types have: none may appear anywhere in a public object. */
const PRIVATE_KEYS = [
  "hiddenTests",
  "attackTests",
  "solution",
  "mistakes",
  "mutants",
  "hiddenSeeds",
  "hints",
  "correct",
  "explain",
  "explanationHtml",
  "limits",
  "dir",
  "lessonFile",
  "file",
] as const;

// Compile-time guard: the public types declare none of the private keys (at any depth). It is checked
// by `npm run typecheck` (the assignment below fails to compile), not by a test at run time, where it
// could only assert a constant.
type DeepKeys<T> = T extends string | number | boolean | null | undefined
  ? never
  : T extends readonly (infer U)[]
    ? DeepKeys<U>
    : { [K in keyof T & string]: K | DeepKeys<T[K]> }[keyof T & string];
type Leaked = Extract<DeepKeys<PublicLesson> | DeepKeys<TrackSummary>, (typeof PRIVATE_KEYS)[number]>;
const noLeakedKeys: [Leaked] extends [never] ? true : Leaked = true;
void noLeakedKeys;

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

/** Lines distinctive enough to mean a leak: long, and not also in a file the learner may see. */
function secretLines(files: ExerciseFile[], publicText: string): string[] {
  return files
    .flatMap((f) => f.source.split("\n"))
    .map((line) => line.trim())
    .filter((line) => line.length >= 12 && !publicText.includes(line));
}

describe("serialized public lessons contain nothing private", () => {
  for (const root of roots) {
    test(path.relative(process.cwd(), root), async () => {
      const content = await loadContent(root);
      for (const lesson of content.lessons.values()) {
        const json = JSON.stringify({ lesson, tracks: content.tracks });
        const leakedKeys = [...keysOf(JSON.parse(json))].filter((k) =>
          (PRIVATE_KEYS as readonly string[]).includes(k),
        );
        assert.deepEqual(leakedKeys, [], `${lesson.id}: private keys in the public lesson`);

        const exercise = content.exercises.get(lesson.id);
        if (exercise) {
          const pub = exercise.public;
          // What the learner is allowed to see, as raw text (lesson.md too: prose may quote a line on purpose).
          const visible = [
            readFileSync(exercise.lessonFile, "utf8"),
            pub.starter,
            pub.module?.source ?? "",
            pub.seed ?? "",
            ...pub.exampleTests.map((t) => t.source),
            ...pub.support.map((s) => s.source),
            ...(pub.files ?? []).map((f) => f.source),
            ...pub.stages.flatMap((st) => st.exampleTests.map((t) => t.source)),
          ].join("\n");
          const secrets = secretLines(
            [
              exercise.solution,
              ...(exercise.kind === "function" || exercise.kind === "handler" || exercise.kind === "security"
                ? [...exercise.hiddenTests, ...exercise.attackTests]
                : []),
              ...exercise.mistakes,
              ...exercise.mistakes.flatMap((m) => m.files ?? []),
              ...(exercise.kind === "tests" ? exercise.mutants : []),
              ...(exercise.kind === "sql" ? exercise.hiddenSeeds : []),
              ...exercise.solutionFiles,
              ...(exercise.kind === "project"
                ? exercise.stages.flatMap((st) => [...st.hiddenTests, ...st.solution])
                : []),
            ],
            visible,
          );
          for (const line of secrets) {
            assert.ok(
              !json.includes(JSON.stringify(line).slice(1, -1)),
              `${lesson.id}: private line in public JSON: ${line}`,
            );
          }
          for (const hint of exercise.hints) {
            assert.ok(
              !json.includes(JSON.stringify(hint.markdown).slice(1, -1)),
              `${lesson.id}: hint text leaked`,
            );
            assert.ok(
              !json.includes(JSON.stringify(hint.html).slice(1, -1)),
              `${lesson.id}: hint HTML leaked`,
            );
          }
          assert.equal(pub.hintCount, exercise.hints.length);
        }
        for (const question of content.quizzes.get(lesson.id) ?? []) {
          for (const choice of question.choices) {
            if (choice.explanationHtml) {
              assert.ok(
                !json.includes(JSON.stringify(choice.explanationHtml).slice(1, -1)),
                `${lesson.id}/${question.id}: explanation leaked`,
              );
            }
          }
        }
      }
    });
  }
});
