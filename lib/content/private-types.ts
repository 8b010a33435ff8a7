/**
 * The private side of an exercise: everything grading needs and the learner must not see before
 * (or ever). Server-only: a client component importing this module breaks the build.
 */
import "server-only";
import type { Limits, Language } from "../../sandbox/types.ts";
import type { PublicExercise } from "./public-types.ts";

/** A file of an exercise, with its absolute path (for problems) and contents. */
export interface ExerciseFile {
  /** Name as the sandbox sees it: "hidden.test.ts", "solution.ts", "off-by-one" (mutants, mistakes). */
  name: string;
  /** Absolute path on disk. */
  file: string;
  source: string;
}

/**
 * A mutant or an equivalent of a tests exercise: `source` replaces module.<ext>; `modules` ("./store"
 * -> source) replaces support files (a folder mutants/<name>/ holding module.ts and/or support files).
 */
export interface ModuleVariant extends ExerciseFile {
  modules?: Record<string, string>;
}

/**
 * The learner's code as graded: one file's source, or several files by name ("store.ts" -> source)
 * for multi-file exercises.
 */
export type LearnerCode = string | Record<string, string>;

/** A wrong answer Submit must reject: one file, or (multi-file) the files that differ from the reference. */
export interface Mistake extends ExerciseFile {
  /** Multi-file: the mistake's files, laid over the reference solution (of its stage); `source` is "". */
  files?: ExerciseFile[];
  /** project: the 1-based stage whose tests (and earlier stages' tests) must reject it. */
  stage?: number;
}

export interface PrivateStage {
  id: string;
  /** 1-based position. */
  index: number;
  title: string;
  /** Absolute path of stages/<id>/. */
  dir: string;
  /** Named "<stage-id>.example.test.ts" / "<stage-id>.hidden.test.ts", as the grader sees them. */
  exampleTests: ExerciseFile[];
  hiddenTests: ExerciseFile[];
  /** The reference solution at the end of this stage: every learner file. */
  solution: ExerciseFile[];
}

/** What every exercise has, whatever its kind. */
interface ExerciseBase {
  /** Exercise id == lesson id. */
  id: string;
  trackId: string;
  /** Language of code and test files; sql exercises keep "ts" here and ignore it. */
  language: Language;
  /** Absolute path of the lesson folder and of its lesson.md. */
  dir: string;
  lessonFile: string;
  /** The public view, exactly as getPublicLesson serves it. */
  public: PublicExercise;
  /** One-file exercises; for multi-file ones a stand-in naming the starter/ (solution/) folder, source "". */
  starter: ExerciseFile;
  solution: ExerciseFile;
  /** Multi-file exercises: the learner's file names in tab order; null for one file. */
  files: string[] | null;
  /** Multi-file: starter/ and the reference solution (solution/, or a project's last stage), in `files` order. */
  starterFiles: ExerciseFile[];
  solutionFiles: ExerciseFile[];
  /**
   * Modules importable as "./<name>" (function | handler | security | project); for tests, the other
   * files of the module under test (a handler's store), shown to the learner beside it.
   */
  support: ExerciseFile[];
  /** Common wrong answers that Submit must reject (checked by lessons:check). */
  mistakes: Mistake[];
  /** Hint texts (Markdown) and their rendered HTML. */
  hints: { markdown: string; html: string }[];
  limits: Partial<Limits>;
  revealSolutionAfter: number;
}

/** function | handler | security: the learner writes code, example/hidden (/attack) tests grade it. */
export interface CodeExercise extends ExerciseBase {
  kind: "function" | "handler" | "security";
  exampleTests: ExerciseFile[];
  hiddenTests: ExerciseFile[];
  /** security only (empty otherwise). */
  attackTests: ExerciseFile[];
  /** Database-backed exercises: the seed each test starts from and every seed (seeds/<name>.sql, name without .sql). */
  database: { seed: string; seeds: ExerciseFile[] } | null;
}

/** tests: the learner writes tests; they must pass on the module and its equivalents, fail on each mutant. */
export interface TestsExercise extends ExerciseBase {
  kind: "tests";
  /** The correct module, named "solution.<ext>" as the learner's tests import it. */
  module: ExerciseFile;
  mutants: (ModuleVariant & { description: string })[];
  /** Other correct implementations (equivalents/); the learner's tests must pass on each. */
  equivalents: ModuleVariant[];
}

/** sql: the learner writes a query, compared with the solution's on seed.sql (and hidden seeds on Submit). */
export interface SqlExercise extends ExerciseBase {
  kind: "sql";
  seed: ExerciseFile;
  hiddenSeeds: ExerciseFile[];
  sql: { compare: "rows"; ordered: boolean } | { compare: "tables"; tables: string[] };
  /** Probe sets (probes*.sql; hidden-probes*.sql only on Submit) and query files for plan checks (plans*.sql, hidden-plans*.sql). */
  probes: ExerciseFile[];
  plans: ExerciseFile[];
}

/** project: a multi-file exercise built in stages; each stage's tests run with every earlier stage's. */
export interface ProjectExercise extends ExerciseBase {
  kind: "project";
  files: string[];
  /** The stages in order (at least one). */
  stages: PrivateStage[];
}

/**
 * The private side of an exercise, by kind: each kind has exactly the files it is graded with
 * (narrow on `kind` to reach them).
 */
export type PrivateExercise = CodeExercise | TestsExercise | SqlExercise | ProjectExercise;

export interface PrivateQuestion {
  id: string;
  multiple: boolean;
  /** Line of the question in lesson.md. */
  line: number;
  choices: { id: string; correct: boolean; explanationHtml: string }[];
}

/** A project's stages in order; none for the other kinds (their one "stage" is the whole exercise). */
export function stagesOf(exercise: PrivateExercise): readonly PrivateStage[] {
  return exercise.kind === "project" ? exercise.stages : [];
}

/** function | handler | security: graded by example, hidden (and attack) tests. */
export function isCodeExercise(exercise: PrivateExercise): exercise is CodeExercise {
  return exercise.kind === "function" || exercise.kind === "handler" || exercise.kind === "security";
}
