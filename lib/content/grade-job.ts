/**
 * Maps an exercise and the learner's code to a sandbox job (sandbox/types.ts). The one code path the
 * API, the UI, `npm run grade` and `npm run lessons:check` all use, so they cannot disagree.
 *
 *   function | handler | security -> CodeJob. run: example tests; submit: example + hidden
 *                                    (+ attacks for security), hidden files marked hidden; the
 *                                    reference solution as "./reference" when a test imports it.
 *   tests                          -> MutationJob. run: the learner's tests on module.ts only;
 *                                    submit: module.ts, every equivalent and every mutant.
 *   sql                            -> SqlJob. run: seed.sql only; submit: seed.sql + hidden-seed*.sql.
 */
import "server-only";
import type { GradeJob, TestFile } from "../../sandbox/types.ts";
import type { PrivateExercise } from "./private-types.ts";

export type GradeMode = "run" | "submit";

export interface GradeJobOptions {
  /** Seed for generated test inputs (replaying a grade); the sandbox picks one when absent. */
  seed?: number;
}

/** Test files that use the reference solution as their oracle import it as "./reference". */
const IMPORTS_REFERENCE = /["']\.\/reference["']/;

/** Builds the sandbox job that grades `code` (the learner's file) for `exercise`. */
export function buildGradeJobFor(exercise: PrivateExercise, code: string, mode: GradeMode, options: GradeJobOptions = {}): GradeJob {
  const limits = Object.keys(exercise.limits).length ? { ...exercise.limits } : undefined;
  switch (exercise.kind) {
    case "function":
    case "handler":
    case "security": {
      const visible: TestFile[] = exercise.exampleTests.map((t) => ({ name: t.name, source: t.source }));
      const hidden: TestFile[] =
        mode === "submit"
          ? [...exercise.hiddenTests, ...exercise.attackTests].map((t) => ({ name: t.name, source: t.source, hidden: true }))
          : [];
      const modules = Object.fromEntries(exercise.support.map((s) => [`./${s.name}`, s.source]));
      const tests = [...visible, ...hidden];
      return {
        kind: "code",
        language: exercise.language,
        code,
        tests,
        ...(exercise.support.length ? { modules } : {}),
        ...(tests.some((t) => IMPORTS_REFERENCE.test(t.source)) ? { reference: exercise.solution.source } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(limits ? { limits } : {}),
      };
    }
    case "tests":
      return {
        kind: "mutation",
        language: exercise.language,
        tests: code,
        module: exercise.module!.source,
        mutants: mode === "submit" ? exercise.mutants.map((m) => ({ name: m.name, description: m.description, source: m.source })) : [],
        ...(mode === "submit" && exercise.equivalents.length ? { equivalents: exercise.equivalents.map((e) => ({ name: e.name, source: e.source })) } : {}),
        ...(limits ? { limits } : {}),
      };
    case "sql": {
      const sql = exercise.sql!;
      return {
        kind: "sql",
        code,
        solution: exercise.solution.source,
        datasets: [
          { name: exercise.seed!.name, seed: exercise.seed!.source },
          ...(mode === "submit" ? exercise.hiddenSeeds.map((s) => ({ name: s.name, seed: s.source, hidden: true })) : []),
        ],
        compare: sql.compare === "rows" ? { mode: "rows", ordered: sql.ordered } : { mode: "tables", tables: sql.tables },
        ...(limits ? { limits } : {}),
      };
    }
  }
}
