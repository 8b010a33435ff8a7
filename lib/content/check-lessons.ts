/**
 * The lesson checker behind `npm run lessons:check`: everything the loader reports (schema, ids,
 * prerequisites, links, quiz answers) plus grading through the real sandbox:
 *
 *   - the reference solution passes every test (submit mode: visible + hidden + attacks);
 *   - the starter does not (and compiles);
 *   - every common mistake (mistakes/) is rejected;
 *   - tests exercises: the reference tests pass on module.ts and kill every mutant;
 *   - grading the reference solution stays within the exercise's time budget (limits.timeoutMs);
 *   - with `bar`, the quality bar (lesson-bar.ts): prose length, hints, quiz, hidden tests, mistakes.
 *   - multi-file exercises: the same, with each mistake's files laid over the reference solution;
 *   - projects, per stage k: the stage's reference passes stages 1..k, the previous stage's reference
 *     fails stage k (every stage asks for something new), each of its mistakes is rejected.
 *
 * Jobs are built with buildGradeJobFor, the same code path the app uses.
 */
import "server-only";
import path from "node:path";
import { checkSeedSql } from "../../sandbox/db/check-seed.ts";
import { resolveLimits } from "../../sandbox/limits.ts";
import type { GradeJob, GradeResult } from "../../sandbox/types.ts";
import { buildGradeJobFor, filesToCode, referenceCode, starterCode } from "./grade-job.ts";
import { checkHiddenTestCount, checkLessonBar } from "./lesson-bar.ts";
import { loadContent, type LoadedContent } from "./load-content.ts";
import {
  isCodeExercise,
  stagesOf,
  type LearnerCode,
  type Mistake,
  type PrivateExercise,
  type TestsExercise,
} from "./private-types.ts";
import type { Problem } from "./problems.ts";

export type Grade = (job: GradeJob) => Promise<GradeResult>;

export interface CheckOptions {
  /** The lessons folder. */
  root: string;
  /** Check only the lessons in or containing this path (a lesson folder, a file in it, a track folder). */
  only?: string;
  /** The sandbox's grade function; without it, grading checks are skipped. */
  grade?: Grade;
  /** Grading jobs in flight at once. */
  concurrency?: number;
  /** Also apply the quality bar (lesson-bar.ts); the CLI does unless --no-bar. */
  bar?: boolean;
}

export interface CheckReport {
  problems: Problem[];
  /** Lessons checked and how many of them have an exercise. */
  lessons: number;
  exercises: number;
  /** Grading jobs run. */
  jobs: number;
  durationMs: number;
  /** Set when `only` matched nothing. */
  notFound?: string;
  /** One row per exercise checked, in lesson order: what its grading holds. */
  summary: ExerciseSummary[];
}

/** What an exercise's grading holds, for `lessons:check --summary`. */
export interface ExerciseSummary {
  /** track/lesson */
  id: string;
  kind: PrivateExercise["kind"];
  /**
   * Hidden tests that Submit runs on the reference solution (a project: all stages; sql: hidden
   * datasets); a tests exercise's mutants. Null when grading was skipped or the reference failed.
   */
  hiddenTests: number | null;
  mistakes: number;
  /** tests exercises: other correct implementations the learner's tests must pass on. */
  equivalents: number;
}

const isInside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/** Validates and grades the lessons under `root` (or only those selected by `only`). */
export async function checkLessons(options: CheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const root = path.resolve(options.root);
  const content = await loadContent(root);
  const only = options.only ? path.resolve(options.only) : null;

  // Lesson folders in scope: all, or those inside `only` or containing it.
  const lessonDirs = [...content.sources.values()].map((s) => s.dir);
  for (const problems of content.broken.values())
    for (const p of problems) lessonDirs.push(path.dirname(p.file));
  const inScope = (dir: string) => !only || isInside(dir, only) || isInside(only, dir);
  if (only && !lessonDirs.some(inScope) && !content.problems.some((p) => isInside(p.file, only))) {
    return {
      problems: [],
      lessons: 0,
      exercises: 0,
      jobs: 0,
      durationMs: performance.now() - started,
      notFound: only,
      summary: [],
    };
  }
  const selected = [...content.sources.values()].filter((s) => inScope(s.dir));
  const selectedDirs = selected.map((s) => s.dir);
  const problems = content.problems.filter(
    (p) => !only || isInside(p.file, only) || selectedDirs.some((dir) => isInside(p.file, dir)),
  );

  const exercises = selected.map((s) => content.exercises.get(s.id)).filter((e) => e !== undefined);
  if (options.bar) {
    for (const source of selected) {
      problems.push(
        ...checkLessonBar(
          content.lessons.get(source.id)!,
          source,
          content.exercises.get(source.id),
          content.quizzes.get(source.id) ?? [],
        ),
      );
    }
  }
  // Every seed of a database-backed exercise must run: a broken seed fails every test of every
  // learner, so it is reported at its line and the exercise is not graded (each job would only
  // repeat it). Runs with --no-grade too (sql.js, no sandbox).
  const brokenSeeds = new Set<string>();
  for (const exercise of exercises) {
    for (const seed of (isCodeExercise(exercise) && exercise.database?.seeds) || []) {
      const failure = await checkSeedSql(seed.source);
      if (!failure) continue;
      brokenSeeds.add(exercise.id);
      problems.push({
        rule: "seed-fails",
        file: seed.file,
        line: failure.line,
        message: `seed "${seed.name}" fails: ${firstLine(failure.message)}`,
      });
    }
  }
  let jobs = 0;
  const hiddenCounts = new Map<string, number>();
  if (options.grade) {
    const grade = options.grade;
    const tasks = exercises
      .filter((e) => !brokenSeeds.has(e.id))
      .flatMap((exercise) => gradingTasks(exercise, content, options.bar === true, hiddenCounts));
    jobs = tasks.length;
    await runPool(
      tasks.map((task) => async () => problems.push(...(await task(grade)))),
      options.concurrency ?? 2,
    );
  }

  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const lessonCount = new Set([
    ...selectedDirs,
    ...problems
      .map((p) => p.file)
      .filter((f) => f.endsWith("lesson.md"))
      .map(path.dirname),
  ]).size;
  const summary = exercises.map((exercise): ExerciseSummary => ({
    id: `${exercise.trackId}/${exercise.id}`,
    kind: exercise.kind,
    hiddenTests:
      exercise.kind === "tests" ? exercise.mutants.length : (hiddenCounts.get(exercise.id) ?? null),
    mistakes: exercise.mistakes.length,
    equivalents: exercise.kind === "tests" ? exercise.equivalents.length : 0,
  }));
  return {
    problems,
    lessons: lessonCount,
    exercises: exercises.length,
    jobs,
    durationMs: performance.now() - started,
    summary,
  };
}

async function runPool(tasks: (() => Promise<unknown>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
}

type Task = (grade: Grade) => Promise<Problem[]>;

/** Short description of a failed test or run for a problem message. */
function describeFailure(result: GradeResult): string {
  if (result.status === "error" && result.error)
    return `${result.error.kind} error: ${firstLine(result.error.message)}`;
  const failed = result.tests.filter((t) => t.status !== "pass");
  const shown = failed.slice(0, 3).map((t) => `"${t.name}"${t.message ? ` (${firstLine(t.message)})` : ""}`);
  return `${failed.length} failing test(s): ${shown.join("; ")}${failed.length > 3 ? "; ..." : ""}`;
}

/** A message on one line, shortened: problems are one line each. */
const firstLine = (text: string) => {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
};

/** Names of the mutants that a mutation result reports as not caught. */
export function survivingMutants(exercise: TestsExercise, result: GradeResult): string[] {
  return exercise.mutants
    .filter((m) => result.tests.some((t) => t.status !== "pass" && mutantOf(t.name, exercise) === m.name))
    .map((m) => m.name);
}

/**
 * Which mutant a mutation-job test result is about. The sandbox names them
 * "catches mutant: <description>" (sandbox/run-mutation.ts); the name is a fallback.
 */
function mutantOf(testName: string, exercise: TestsExercise): string | undefined {
  const exact = exercise.mutants.find((m) => testName === `catches mutant: ${m.description}`);
  if (exact) return exact.name;
  return exercise.mutants.find((m) =>
    new RegExp(`(^|[^a-z0-9-])${m.name}($|[^a-z0-9-])`).test(testName.toLowerCase()),
  )?.name;
}

/** A mistake as code: its own source, or its files laid over the reference solution (of its stage). */
function mistakeCode(exercise: PrivateExercise, mistake: Mistake): LearnerCode {
  if (!mistake.files) return mistake.source;
  const reference = referenceCode(exercise, mistake.stage) as Record<string, string>;
  return { ...reference, ...filesToCode(mistake.files) };
}

/**
 * Which equivalent a mutation-job test result is about: the sandbox names them
 * "your tests pass on another correct implementation: <name>" (sandbox/run-mutation.ts).
 */
function equivalentOf(
  testName: string,
  exercise: TestsExercise,
): TestsExercise["equivalents"][number] | undefined {
  return exercise.equivalents.find(
    (e) => testName === `your tests pass on another correct implementation: ${e.name}`,
  );
}

/**
 * Seeds lessons:check grades with, so its verdicts are deterministic. Exercises whose tests generate
 * inputs (fast-check) are graded under each: the reference must pass and every mistake fail on all.
 */
export const CHECK_SEEDS = [1, 2, 3] as const;

function checkSeeds(exercise: PrivateExercise): readonly number[] {
  if (!isCodeExercise(exercise)) return CHECK_SEEDS.slice(0, 1);
  const generates = [...exercise.exampleTests, ...exercise.hiddenTests, ...exercise.attackTests].some((t) =>
    t.source.includes("fast-check"),
  );
  return generates ? CHECK_SEEDS : CHECK_SEEDS.slice(0, 1);
}

function gradingTasks(
  exercise: PrivateExercise,
  content: LoadedContent,
  bar: boolean,
  hiddenCounts: Map<string, number>,
): Task[] {
  const source = content.sources.get(exercise.id)!;
  const budget = resolveLimits(exercise.limits).timeoutMs;
  const budgetLine = source.lineOf(["exercise", "limits", "timeoutMs"]);
  const tasks: Task[] = [];
  const seeds = checkSeeds(exercise);
  const withSeed = (seed: number) => (seeds.length > 1 ? ` (seed ${seed})` : "");
  const stages = stagesOf(exercise);
  const project = stages.length > 0;
  const stageLine = (index: number) => source.lineOf(["exercise", "stages", index - 1]);
  const stageName = (index: number) => `stage ${index} "${stages[index - 1]!.id}"`;

  // The reference solution passes everything (for tests exercises: passes on module.ts, kills every
  // mutant). A project's reference of the last stage runs every stage's tests.
  for (const seed of seeds)
    tasks.push(async (grade) => {
      const result = await grade(
        buildGradeJobFor(exercise, referenceCode(exercise), "submit", undefined, { seed }),
      );
      const problems: Problem[] = [];
      if (seed === seeds[0] && result.status === "pass")
        hiddenCounts.set(exercise.id, result.tests.filter((t) => t.hidden).length);
      if (seed !== seeds[0] && result.status === "pass" && result.durationMs <= budget) return problems;
      if (bar && result.status === "pass")
        problems.push(...checkHiddenTestCount(exercise, result.tests.filter((t) => t.hidden).length));
      if (result.status === "error" && result.error?.kind === "timeout") {
        problems.push({
          rule: "time-budget",
          file: exercise.lessonFile,
          line: budgetLine,
          message: `grading the reference solution timed out (budget ${budget} ms): ${firstLine(result.error.message)}`,
        });
        return problems;
      }
      if (result.durationMs > budget) {
        problems.push({
          rule: "time-budget",
          file: exercise.lessonFile,
          line: budgetLine,
          message: `grading the reference solution took ${Math.round(result.durationMs)} ms, over the budget of ${budget} ms (exercise.limits.timeoutMs)`,
        });
      }
      if (exercise.kind === "tests" && result.status === "fail") {
        const survivors = survivingMutants(exercise, result);
        for (const name of survivors) {
          const mutant = exercise.mutants.find((m) => m.name === name)!;
          problems.push({
            rule: "mutant-survives",
            file: mutant.file,
            line: 1,
            message: `mutant "${name}" (${mutant.description}) survives the reference tests (solution.test): add a test that fails on it`,
          });
        }
        const failedEquivalents = result.tests.filter(
          (t) => t.status !== "pass" && equivalentOf(t.name, exercise),
        );
        for (const t of failedEquivalents) {
          const equivalent = equivalentOf(t.name, exercise)!;
          problems.push({
            rule: "equivalent-fails",
            file: equivalent.file,
            line: 1,
            message: `the reference tests (solution.test) fail on equivalent "${equivalent.name}": it must behave exactly like module (${firstLine(t.message ?? t.status)})`,
          });
        }
        const other = result.tests.filter(
          (t) => t.status !== "pass" && !mutantOf(t.name, exercise) && !equivalentOf(t.name, exercise),
        );
        if (other.length || (!survivors.length && !failedEquivalents.length)) {
          problems.push({
            rule: "solution-fails",
            file: exercise.solution.file,
            line: 1,
            message: `reference tests fail on module: ${describeFailure({ ...result, tests: other.length ? other : result.tests })}`,
          });
        }
      } else if (result.status !== "pass") {
        const problem = solutionProblem(exercise, result, project ? stages.length : undefined);
        problems.push({ ...problem, message: `${problem.message}${withSeed(seed)}` });
      }
      return problems;
    });

  if (project) {
    for (const stage of stages.slice(0, -1)) {
      // Each earlier stage's reference passes its own and the earlier stages' tests.
      tasks.push(async (grade) => {
        const result = await grade(
          buildGradeJobFor(exercise, referenceCode(exercise, stage.index), "submit", stage.index),
        );
        return result.status === "pass" ? [] : [solutionProblem(exercise, result, stage.index)];
      });
    }
    for (const stage of stages.slice(1)) {
      // Stage order: the previous stage's reference must fail this stage, or the stage asks for nothing.
      tasks.push(async (grade) => {
        const result = await grade(
          buildGradeJobFor(exercise, referenceCode(exercise, stage.index - 1), "submit", stage.index),
        );
        if (result.status !== "pass") return [];
        return [
          {
            rule: "stage-order",
            file: exercise.lessonFile,
            line: stageLine(stage.index),
            message: `${stageName(stage.index)} asks for nothing new: the reference solution of ${stageName(stage.index - 1)} already passes its tests`,
          },
        ];
      });
    }
  }

  // The starter compiles and fails (a project's starter: already its first stage).
  tasks.push(async (grade) => {
    const result = await grade(
      buildGradeJobFor(exercise, starterCode(exercise), "submit", project ? 1 : undefined, {
        seed: seeds[0],
      }),
    );
    const where = project ? ` of ${stageName(1)}` : "";
    if (result.status === "pass") {
      return [
        {
          rule: "starter-passes",
          file: exercise.starter.file,
          line: 1,
          message: `the starter passes every test${where}: the exercise asks for nothing`,
        },
      ];
    }
    if (result.status === "error" && result.error?.kind === "internal") {
      return [
        {
          rule: "grading-error",
          file: exercise.starter.file,
          line: 1,
          message: `the sandbox could not grade the starter: ${firstLine(result.error.message)}`,
        },
      ];
    }
    if (result.status === "error" && result.error?.kind === "compile") {
      const file =
        result.error.file && exercise.files
          ? path.join(exercise.starter.file, result.error.file)
          : exercise.starter.file;
      return [
        {
          rule: "starter-broken",
          file,
          line: result.error.line ?? 1,
          message: `the starter does not compile: ${firstLine(result.error.message)}`,
        },
      ];
    }
    return [];
  });

  // Every common mistake is rejected (a project's mistake by the tests of its stage and the earlier
  // ones). With generated inputs, under every seed: a mistake that passes by the luck of the draw is a
  // lesson bug.
  for (const mistake of exercise.mistakes) {
    for (const seed of seeds)
      tasks.push(async (grade) => {
        const result = await grade(
          buildGradeJobFor(exercise, mistakeCode(exercise, mistake), "submit", mistake.stage, { seed }),
        );
        if (result.status === "error" && result.error?.kind === "internal") {
          return [
            {
              rule: "grading-error",
              file: mistake.file,
              line: 1,
              message: `the sandbox could not grade common mistake "${mistake.name}"${withSeed(seed)}: ${firstLine(result.error.message)}`,
            },
          ];
        }
        const where = mistake.stage ? ` of ${stageName(mistake.stage)}` : "";
        return result.status === "pass"
          ? [
              {
                rule: "mistake-accepted",
                file: mistake.file,
                line: 1,
                message: `common mistake "${mistake.name}"${where} passes every test${withSeed(seed)}: add a hidden test that rejects it`,
              },
            ]
          : [];
      });
  }
  return tasks;
}

/** The reference solution failed: point at the file and line of the error when the sandbox names one. */
function solutionProblem(exercise: PrivateExercise, result: GradeResult, stage: number | undefined): Problem {
  const line = result.status === "error" && result.error?.line ? result.error.line : 1;
  let file = exercise.solution.file;
  if (exercise.files) {
    const files = stage ? stagesOf(exercise)[stage - 1]!.solution : exercise.solutionFiles;
    file = files.find((f) => f.name === result.error?.file)?.file ?? files[0]?.file ?? file;
  }
  const where = stage
    ? ` of stage ${stage} "${stagesOf(exercise)[stage - 1]!.id}" (its tests and the earlier stages')`
    : "";
  return {
    rule: "solution-fails",
    file,
    line,
    message: `reference solution${where} does not pass: ${describeFailure(result)}`,
  };
}
