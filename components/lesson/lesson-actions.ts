/**
 * What the lesson workspace asks of the server. The route (app/(learn)/learn/actions.ts) implements
 * these as Server Actions and passes them in as props, so components never import app/. Every
 * action returns expected failures as values ({ ok: false, error }) for the UI to show. Drafts are
 * not saved or reset through an action but through /api/drafts/:exerciseId (see use-draft-saving.ts), and
 * hints come from POST /api/hints/:exerciseId (hints-panel.tsx): actions run one at a time, and
 * neither may wait behind a running grade.
 */
import type { QuizAnswerResult } from "@/lib/content/public-types";
import type { GradeResult } from "@/sandbox/types";

export type GradeMode = "run" | "submit";

/** The learner's standing on the exercise after a submit (signed-in learners only). */
export interface ProgressSnapshot {
  attempts: number;
  failedAttempts: number;
  passed: boolean;
  /** Projects: stages passed, in order (the next one is the learner's current stage); 0 otherwise. */
  stagesPassed: number;
  /** The reference solution may be shown (passed, or enough failed attempts; a project: a passed stage's). */
  solutionAvailable: boolean;
}

export type ActionError = { ok: false; error: string };

/** What was graded: a project's stage, so the page can unlock the next one (visitors too). */
export type GradeOutcome =
  { ok: true; result: GradeResult; progress: ProgressSnapshot | null; stage: number | null } | ActionError;
/** The reference solution: every learner file; for a project, at the end of `stage`. */
export type SolutionOutcome =
  { ok: true; files: { name: string; source: string }[]; stage: number | null } | ActionError;
export type QuizOutcome = { ok: true; result: QuizAnswerResult } | ActionError;

export interface LessonActions {
  /** `code` for one-file exercises, `files` (every learner file by name) for multi-file ones; `stage` for projects. */
  grade(input: {
    exerciseId: string;
    code?: string;
    files?: Record<string, string>;
    mode: GradeMode;
    stage?: number;
  }): Promise<GradeOutcome>;
  revealSolution(input: { exerciseId: string }): Promise<SolutionOutcome>;
  answerQuiz(input: { lessonId: string; questionId: string; choiceIds: string[] }): Promise<QuizOutcome>;
}
