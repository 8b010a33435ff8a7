/**
 * The private side of an exercise: everything grading needs and the learner must not see before
 * (or ever). Server-only: a client component importing this module breaks the build.
 */
import "server-only";
import type { Limits, Language } from "../../sandbox/types.ts";
import type { ExerciseKind, PublicExercise } from "./public-types.ts";

/** A file of an exercise, with its absolute path (for problems) and contents. */
export interface ExerciseFile {
  /** Name as the sandbox sees it: "hidden.test.ts", "solution.ts", "off-by-one" (mutants, mistakes). */
  name: string;
  /** Absolute path on disk. */
  file: string;
  source: string;
}

export interface PrivateExercise {
  /** Exercise id == lesson id. */
  id: string;
  trackId: string;
  kind: ExerciseKind;
  /** Language of code and test files; sql exercises keep "ts" here and ignore it. */
  language: Language;
  /** Absolute path of the lesson folder and of its lesson.md. */
  dir: string;
  lessonFile: string;
  /** The public view, exactly as getPublicLesson serves it. */
  public: PublicExercise;
  starter: ExerciseFile;
  solution: ExerciseFile;
  /** function | handler | security */
  exampleTests: ExerciseFile[];
  hiddenTests: ExerciseFile[];
  /** security only */
  attackTests: ExerciseFile[];
  /** Modules importable as "./<name>" (function | handler | security). */
  support: ExerciseFile[];
  /** tests only: the correct module and its buggy variants. */
  module: ExerciseFile | null;
  mutants: (ExerciseFile & { description: string })[];
  /** tests only: other correct implementations (equivalents/); the learner's tests must pass on each. */
  equivalents: ExerciseFile[];
  /** sql only */
  seed: ExerciseFile | null;
  hiddenSeeds: ExerciseFile[];
  sql: { compare: "rows"; ordered: boolean } | { compare: "tables"; tables: string[] } | null;
  /** Common wrong answers that Submit must reject (checked by lessons:check). */
  mistakes: ExerciseFile[];
  /** Hint texts (Markdown) and their rendered HTML. */
  hints: { markdown: string; html: string }[];
  limits: Partial<Limits>;
  revealSolutionAfter: number;
}

export interface PrivateQuestion {
  id: string;
  multiple: boolean;
  /** Line of the question in lesson.md. */
  line: number;
  choices: { id: string; correct: boolean; explanationHtml: string }[];
}
