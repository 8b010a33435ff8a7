/**
 * What lesson content may reach the browser. Nothing here carries hidden tests, attacks, reference
 * solutions, mistakes, mutants, hidden seeds, hint texts, quiz answers or explanations: those live
 * only in private-types.ts, behind `server-only`. Safe to import (as types) from client components.
 */

export type ExerciseKind = "function" | "handler" | "sql" | "tests" | "security" | "project";

export interface Heading {
  id: string;
  text: string;
  depth: 2 | 3;
}

/** A lesson as it appears in a track's list. */
export interface LessonSummary {
  id: string;
  trackId: string;
  title: string;
  summary: string;
  minutes: number;
  tags: string[];
  /** Lesson ids that should come first (any track). */
  prerequisites: string[];
  /** `/learn/<track-id>/<lesson-id>` */
  href: string;
  /** Kind and title of the lesson's exercise, when it has one; `stageCount`: a project's stages (else 0). */
  exercise: { kind: ExerciseKind; title: string; stageCount: number } | null;
  /** Number of "check your understanding" questions. */
  quizQuestions: number;
}

export interface TrackSummary {
  id: string;
  title: string;
  description: string;
  order: number;
  /** `/learn/<track-id>` */
  href: string;
  lessons: LessonSummary[];
}

export interface LessonRef {
  id: string;
  title: string;
  href: string;
}

/** A file shown to the learner (read-only unless it is the one they edit). */
export interface PublicFile {
  name: string;
  source: string;
}

/** One stage of a project exercise. Every stage is public; the server decides which are unlocked. */
export interface PublicStage {
  id: string;
  /** 1-based position. */
  index: number;
  title: string;
  instructionsHtml: string;
  /** The stage's visible tests, named as the grader names them ("<stage-id>.example.test.ts"). */
  exampleTests: PublicFile[];
}

export interface PublicExercise {
  /** Exercise id == lesson id. */
  id: string;
  kind: ExerciseKind;
  /** "sql" for sql exercises. */
  language: "ts" | "js" | "sql";
  title: string;
  instructionsHtml: string;
  /**
   * The file the learner edits, as the tests see it: "solution.ts", "solution.test.ts", "solution.sql".
   * Multi-file exercises: the first of `files`.
   */
  fileName: string;
  /** What the editor starts with (multi-file exercises: the first file's starter). */
  starter: string;
  /**
   * Multi-file exercises (and projects): the learner's files in tab order with their starter code;
   * tests and the other files import each as "./<name without extension>". Null for one file.
   */
  files: PublicFile[] | null;
  /** project exercises: the stages in order; empty otherwise. */
  stages: PublicStage[];
  /** Visible example tests ("Run" uses these). Empty for tests and sql exercises. */
  exampleTests: PublicFile[];
  /** Extra modules the learner's code and the tests may import as "./<name>". */
  support: PublicFile[];
  /** tests exercises: the correct module the learner writes tests for (imported as "./solution"). */
  module: PublicFile | null;
  /** sql exercises: the visible dataset. */
  seed: string | null;
  /** sql exercises: the visible probe sets (probes*.sql) and query files (plans*.sql) the learner's SQL is checked with. */
  sqlChecks: PublicFile[];
  /** sql exercises: how results are compared. */
  sql: { compare: "rows"; ordered: boolean } | { compare: "tables"; tables: string[] } | null;
  /** Database-backed exercises: the seed every test starts from and the seed files (schema and rows), shown to the learner. */
  database: { seed: string; seeds: PublicFile[] } | null;
  /** Number of hints; their text is released one at a time by the server. */
  hintCount: number;
  /** Failed submit attempts before the reference solution may be offered. */
  revealSolutionAfter: number;
}

export interface PublicChoice {
  /** Stable id: the author's, or a, b, c ... by position. */
  id: string;
  text: string;
  html: string;
}

export interface PublicQuestion {
  id: string;
  questionHtml: string;
  /** Several choices are right and all must be chosen (checkboxes instead of radio buttons). */
  multiple: boolean;
  choices: PublicChoice[];
}

export interface PublicLesson extends Omit<LessonSummary, "exercise"> {
  trackTitle: string;
  /** The lesson prose, rendered and sanitized. */
  html: string;
  headings: Heading[];
  prerequisiteLessons: LessonRef[];
  previous: LessonRef | null;
  next: LessonRef | null;
  exercise: PublicExercise | null;
  quiz: PublicQuestion[];
}

/** The server's answer to one quiz question. */
export interface QuizAnswerResult {
  correct: boolean;
  /** Explanations of the chosen choices (why each is right or wrong). */
  explanations: { choiceId: string; correct: boolean; html: string }[];
}

/** One hint, released by the server. */
export interface Hint {
  index: number;
  total: number;
  html: string;
}
