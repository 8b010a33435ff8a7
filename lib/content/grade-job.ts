/**
 * Maps an exercise and the learner's code to a sandbox job (sandbox/types.ts). The one code path the
 * API, the UI, `npm run grade` and `npm run lessons:check` all use, so they cannot disagree.
 *
 *   function | handler | security -> CodeJob. run: example tests; submit: example + hidden
 *                                    (+ attacks for security), hidden files marked hidden.
 *   tests                          -> MutationJob. run: the learner's tests on module.ts only;
 *                                    submit: module.ts, every equivalent and every mutant.
 *   sql                            -> SqlJob. run: seed.sql only; submit: seed.sql + hidden-seed*.sql;
 *                                    probes*.sql / plans*.sql always, hidden-probes / hidden-plans on submit.
 *   function | handler | security with exercise.database: the job's database is seeds/ (every test
 *                                    starts from exercise.database.seed); on submit a one-file
 *                                    exercise also sends its reference solution, which hidden tests
 *                                    may import as "./reference" (an oracle for generated inputs,
 *                                    a bound on the learner's work).
 *   Code jobs carry options.seed when given (replaying a grade); otherwise the sandbox draws one.
 *   project                        -> CodeJob for stage k (1-based): run: the example tests of stages
 *                                    1..k; submit: example + hidden tests of stages 1..k, so earlier
 *                                    stages keep running as regression tests. Later stages' tests
 *                                    are never part of the job.
 *
 * Multi-file exercises send `files` (in exercise.files order) instead of `code`.
 */
import "server-only";
import { hasNul } from "../db/errors.ts";
import type { GradeJob, LearnerFile, TestFile } from "../../sandbox/types.ts";
import { stagesOf, type ExerciseFile, type LearnerCode, type PrivateExercise } from "./private-types.ts";

export type GradeMode = "run" | "submit";

export interface GradeJobOptions {
  /** Seed for generated test inputs (replaying a grade); the sandbox picks one when absent. */
  seed?: number;
}

/**
 * Why `code` does not fit the exercise's files, or null when it does: a multi-file exercise takes
 * exactly its files by name (`{"store.ts": "..."}`), a one-file exercise one string.
 */
export function learnerCodeProblem(exercise: PrivateExercise, code: LearnerCode): string | null {
  // Stored with the submission: PostgreSQL refuses U+0000 in text, so it is refused here on both.
  if ((typeof code === "string" ? [code] : [...Object.keys(code), ...Object.values(code)]).some(hasNul))
    return 'Your code contains a NUL character (U+0000), which cannot be stored. Write it as "\\0" inside a string instead.';
  const names = exercise.files;
  if (!names)
    return typeof code === "string" ? null : `This exercise takes one file: send "code", not "files".`;
  if (typeof code === "string")
    return `This exercise has several files: send "files" with ${names.join(", ")}.`;
  const given = Object.keys(code);
  const unknown = given.filter((n) => !names.includes(n));
  if (unknown.length)
    return `Unknown file(s) ${unknown.map((n) => JSON.stringify(n.slice(0, 64))).join(", ")}: this exercise's files are ${names.join(", ")}.`;
  const missing = names.filter((n) => !given.includes(n));
  if (missing.length)
    return `Missing file(s) ${missing.join(", ")}: send every file of the exercise (${names.join(", ")}).`;
  return null;
}

/** The reference solution as LearnerCode (a project's: at the end of `stage`, default the last). */
export function referenceCode(exercise: PrivateExercise, stage?: number): LearnerCode {
  if (!exercise.files) return exercise.solution.source;
  const files =
    exercise.kind === "project"
      ? exercise.stages[stageOrLast(exercise, stage) - 1]!.solution
      : exercise.solutionFiles;
  return filesToCode(files);
}

/** The starter as LearnerCode. */
export function starterCode(exercise: PrivateExercise): LearnerCode {
  return exercise.files ? filesToCode(exercise.starterFiles) : exercise.starter.source;
}

/** Files as LearnerCode, by name. */
export function filesToCode(files: readonly ExerciseFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.name, f.source]));
}

/** Clamps a requested project stage to 1..stages (default: the last); 1 for other exercises. */
export function stageOrLast(exercise: PrivateExercise, stage?: number): number {
  const last = Math.max(1, stagesOf(exercise).length);
  return stage === undefined ? last : Math.min(Math.max(1, Math.trunc(stage)), last);
}

/** Probe sets or plan files for an SqlJob: visible ones always, hidden-* ones on Submit. */
function sqlChecks(files: readonly ExerciseFile[], mode: GradeMode, key: "probes" | "plans") {
  const list = files
    .filter((f) => mode === "submit" || !f.name.startsWith("hidden-"))
    .map((f) => ({ name: f.name, sql: f.source, ...(f.name.startsWith("hidden-") ? { hidden: true } : {}) }));
  return list.length ? { [key]: list } : {};
}

/**
 * Builds the sandbox job that grades `code` for `exercise` (`stage`: projects only, 1-based,
 * default the last; `options.seed`: replays a grade's generated inputs). `code` must fit the
 * exercise (learnerCodeProblem); extra or missing files are
 * the caller's to refuse.
 */
export function buildGradeJobFor(
  exercise: PrivateExercise,
  code: LearnerCode,
  mode: GradeMode,
  stage?: number,
  options: GradeJobOptions = {},
): GradeJob {
  const limits = Object.keys(exercise.limits).length ? { ...exercise.limits } : undefined;
  const learner: { code: string } | { files: LearnerFile[] } =
    exercise.files && typeof code !== "string"
      ? { files: exercise.files.map((name) => ({ name, source: code[name] ?? "" })) }
      : { code: typeof code === "string" ? code : "" };
  const modules = Object.fromEntries(exercise.support.map((s) => [`./${s.name}`, s.source]));
  switch (exercise.kind) {
    case "project": {
      const upTo = exercise.stages.slice(0, stageOrLast(exercise, stage));
      const tests: TestFile[] = upTo.flatMap((s) => [
        ...s.exampleTests.map((t) => ({ name: t.name, source: t.source })),
        ...(mode === "submit"
          ? s.hiddenTests.map((t) => ({ name: t.name, source: t.source, hidden: true }))
          : []),
      ]);
      return {
        kind: "code",
        language: exercise.language,
        ...learner,
        tests,
        ...(exercise.support.length ? { modules } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(limits ? { limits } : {}),
      };
    }
    case "function":
    case "handler":
    case "security": {
      const visible: TestFile[] = exercise.exampleTests.map((t) => ({ name: t.name, source: t.source }));
      const hidden: TestFile[] =
        mode === "submit"
          ? [...exercise.hiddenTests, ...exercise.attackTests].map((t) => ({
              name: t.name,
              source: t.source,
              hidden: true,
            }))
          : [];
      const database = exercise.database
        ? {
            seed: exercise.database.seed,
            seeds: Object.fromEntries(exercise.database.seeds.map((s) => [s.name, s.source])),
          }
        : undefined;
      return {
        kind: "code",
        language: exercise.language,
        ...learner,
        tests: [...visible, ...hidden],
        ...(exercise.support.length ? { modules } : {}),
        ...(database ? { database } : {}),
        // Hidden tests may bound the learner's work against the reference solution ("./reference").
        ...(mode === "submit" && !exercise.files ? { reference: exercise.solution.source } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(limits ? { limits } : {}),
      };
    }
    case "tests":
      return {
        kind: "mutation",
        language: exercise.language,
        tests: typeof code === "string" ? code : "",
        module: exercise.module.source,
        // The module's other files (a handler's store): importable by the module and the tests.
        ...(exercise.support.length
          ? { modules: Object.fromEntries(exercise.support.map((s) => [`./${s.name}`, s.source])) }
          : {}),
        mutants:
          mode === "submit"
            ? exercise.mutants.map((m) => ({
                name: m.name,
                description: m.description,
                source: m.source,
                ...(m.modules ? { modules: m.modules } : {}),
              }))
            : [],
        ...(mode === "submit" && exercise.equivalents.length
          ? {
              equivalents: exercise.equivalents.map((e) => ({
                name: e.name,
                source: e.source,
                ...(e.modules ? { modules: e.modules } : {}),
              })),
            }
          : {}),
        ...(limits ? { limits } : {}),
      };
    case "sql": {
      return {
        kind: "sql",
        code: typeof code === "string" ? code : "",
        solution: exercise.solution.source,
        datasets: [
          { name: exercise.seed.name, seed: exercise.seed.source },
          ...(mode === "submit"
            ? exercise.hiddenSeeds.map((s) => ({ name: s.name, seed: s.source, hidden: true }))
            : []),
        ],
        compare:
          exercise.sql.compare === "rows"
            ? { mode: "rows", ordered: exercise.sql.ordered }
            : { mode: "tables", tables: exercise.sql.tables },
        ...sqlChecks(exercise.probes, mode, "probes"),
        ...sqlChecks(exercise.plans, mode, "plans"),
        ...(limits ? { limits } : {}),
      };
    }
  }
}
