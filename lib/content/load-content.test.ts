/** The loader on the real lessons: what every page and the grader rely on. */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";
import { gradeJobSchema } from "../../sandbox/schema.ts";
import { buildGradeJobFor, starterCode } from "./grade-job.ts";
import { loadContent, type LoadedContent } from "./load-content.ts";

const ROOT = path.resolve(import.meta.dirname, "../../lessons");
let content: LoadedContent;
before(async () => {
  content = await loadContent(ROOT);
});

describe("loading the real lessons", () => {
  test("every lesson listed in a track.yaml and present on disk loads, with no fatal problem", () => {
    assert.ok(content.tracks.length > 0);
    assert.deepEqual(
      [...content.broken.keys()],
      [],
      content.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n"),
    );
    const listed = content.tracks.flatMap((t) => t.lessons.map((l) => l.id));
    assert.deepEqual(listed.sort(), [...content.lessons.keys()].sort());
  });

  test("tracks come by order, lessons link to their neighbours", () => {
    const orders = content.tracks.map((t) => t.order);
    assert.deepEqual(
      orders,
      [...orders].sort((a, b) => a - b),
    );
    for (const track of content.tracks) {
      assert.equal(track.href, `/learn/${track.id}`);
      track.lessons.forEach((summary, i) => {
        const lesson = content.lessons.get(summary.id)!;
        assert.equal(lesson.href, `/learn/${track.id}/${lesson.id}`);
        assert.equal(lesson.previous?.id ?? null, track.lessons[i - 1]?.id ?? null);
        assert.equal(lesson.next?.id ?? null, track.lessons[i + 1]?.id ?? null);
      });
    }
  });

  test("prose is rendered HTML: lesson links resolved, code highlighted with CSS variables, no raw lesson: URLs", () => {
    for (const lesson of content.lessons.values()) {
      assert.ok(lesson.html.length > 1000, `${lesson.id}: prose rendered`);
      assert.doesNotMatch(lesson.html, /href="lesson:/, lesson.id);
      assert.doesNotMatch(lesson.html, /<script/i, lesson.id);
      if (lesson.html.includes("<pre")) assert.match(lesson.html, /--shiki-light:.*--shiki-dark:/, lesson.id);
      for (const heading of lesson.headings) assert.ok(lesson.html.includes(`id="${heading.id}"`));
    }
  });

  test("every highlighted token meets WCAG AA (4.5:1) on its code block, in both themes", () => {
    // WCAG 2 relative luminance and contrast ratio, for #rgb / #rrggbb.
    const luminance = (hex: string) => {
      const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join("") : hex.slice(1);
      const [r, g, b] = [0, 2, 4]
        .map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    let checked = 0;
    for (const lesson of content.lessons.values()) {
      for (const pre of lesson.html.matchAll(
        /<pre class="shiki[^"]*" style="([^"]*)"[^>]*>([\s\S]*?)<\/pre>/g,
      )) {
        for (const theme of ["light", "dark"]) {
          const background = new RegExp(`--shiki-${theme}-bg:(#[0-9a-fA-F]{3,6})\\b`).exec(pre[1])?.[1];
          assert.ok(background, `${lesson.id}: a ${theme} background on every code block`);
          const colours = new Set(
            [...pre[2].matchAll(new RegExp(`--shiki-${theme}:(#[0-9a-fA-F]{3,8})`, "g"))].map((m) => m[1]),
          );
          for (const colour of colours) {
            assert.ok(colour.length <= 7, `${lesson.id}: ${colour} has no alpha`);
            const ratio = contrast(colour, background);
            assert.ok(
              ratio >= 4.5,
              `${lesson.id} (${theme}): ${colour} on ${background} is ${ratio.toFixed(2)}:1`,
            );
            checked++;
          }
        }
      }
    }
    assert.ok(checked > 0, "some highlighted code was checked");
  });

  test("every graded exercise kind is represented and public exercises carry what their kind needs", () => {
    const kinds = new Set([...content.exercises.values()].map((e) => e.kind));
    for (const kind of ["function", "handler", "sql", "tests", "security", "project"])
      assert.ok(kinds.has(kind as never), `a ${kind} lesson exists`);
    for (const exercise of content.exercises.values()) {
      const pub = exercise.public;
      assert.equal(pub.id, exercise.id);
      assert.ok(pub.starter.length > 0);
      assert.equal(pub.hintCount, exercise.hints.length);
      if (exercise.kind === "sql") {
        assert.equal(pub.language, "sql");
        assert.ok(pub.seed && pub.sql);
        assert.equal(pub.fileName, "solution.sql");
      } else if (exercise.kind === "tests") {
        assert.ok(pub.module && exercise.mutants.length > 0);
        assert.equal(pub.fileName, `solution.test.${exercise.language}`);
        assert.deepEqual(pub.exampleTests, []);
      } else if (exercise.kind === "project") {
        assert.ok(pub.files && exercise.files && pub.files.length === exercise.files.length);
        assert.deepEqual(
          pub.files.map((f) => f.name),
          exercise.files,
        );
        assert.ok(pub.stages.length >= 2 && pub.stages.length === exercise.stages.length);
        for (const stage of pub.stages)
          assert.deepEqual(
            stage.exampleTests.map((t) => t.name),
            [`${stage.id}.example.test.${exercise.language}`],
          );
        assert.deepEqual(pub.exampleTests, []);
      } else {
        assert.equal(pub.exampleTests.length, 1);
        assert.ok(exercise.hiddenTests.length === 1);
        assert.equal(exercise.attackTests.length, exercise.kind === "security" ? 1 : 0);
      }
    }
  });

  test("grade jobs for every exercise, in both modes, are valid sandbox input and follow LESSON-FORMAT.md", () => {
    for (const exercise of content.exercises.values()) {
      for (const mode of ["run", "submit"] as const) {
        const job = buildGradeJobFor(exercise, starterCode(exercise), mode);
        const parsed = gradeJobSchema.safeParse(job);
        assert.ok(parsed.success, `${exercise.id} ${mode}: ${parsed.error?.message}`);
        if (job.kind === "code" && exercise.kind === "project") {
          // The last stage by default: every stage's tests, in order, hidden ones on submit only.
          const names = exercise.stages.flatMap((st) => [
            `${st.id}.example.test.${exercise.language}`,
            ...(mode === "submit" ? [`${st.id}.hidden.test.${exercise.language}`] : []),
          ]);
          assert.deepEqual(
            job.tests.map((t) => t.name),
            names,
          );
          assert.deepEqual(
            job.files?.map((f) => f.name),
            exercise.files,
          );
          const first = buildGradeJobFor(exercise, starterCode(exercise), mode, 1);
          assert.ok(
            first.kind === "code" &&
              first.tests.every((t) => t.name.startsWith(`${exercise.stages[0]!.id}.`)),
          );
        } else if (job.kind === "code") {
          const hidden = job.tests.filter((t) => t.hidden).map((t) => t.name);
          assert.deepEqual(
            job.tests.filter((t) => !t.hidden).map((t) => t.name),
            [`example.test.${exercise.language}`],
          );
          const expected =
            mode === "run"
              ? []
              : exercise.kind === "security"
                ? ["hidden.test.ts", "attacks.test.ts"]
                : ["hidden.test.ts"];
          assert.deepEqual(
            hidden,
            expected.map((n) => n.replace(".ts", `.${exercise.language}`)),
          );
          for (const s of exercise.support) assert.equal(job.modules?.[`./${s.name}`], s.source);
        } else if (job.kind === "mutation") {
          assert.ok(exercise.kind === "tests");
          assert.equal(job.module, exercise.module.source);
          assert.equal(job.mutants.length, mode === "run" ? 0 : exercise.mutants.length);
        } else {
          assert.ok(exercise.kind === "sql");
          assert.equal(job.solution, exercise.solution.source);
          assert.deepEqual(
            job.datasets.map((d) => !!d.hidden),
            mode === "run" ? [false] : [false, ...exercise.hiddenSeeds.map(() => true)],
          );
        }
      }
    }
  });
});
