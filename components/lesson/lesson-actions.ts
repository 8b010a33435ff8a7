/**
 * What the lesson workspace asks of the server. The route (app/(learn)/learn/actions.ts) implements
 * these as Server Actions and passes them in as props, so components never import app/. Every
 * action returns expected failures as values ({ ok: false, error }) for the UI to show. Drafts are
 * not saved through an action but through PUT /api/drafts/:exerciseId (see use-draft-saving.ts).
 */
import type { Hint, QuizAnswerResult } from "@/lib/content/public-types";
import type { GradeResult } from "@/sandbox/types";

export type GradeMode = "run" | "submit";

/** The learner's standing on the exercise after a submit (signed-in learners only). */
export interface ProgressSnapshot {
  attempts: number;
  failedAttempts: number;
  passed: boolean;
  /** The reference solution may be shown (passed, or enough failed attempts). */
  solutionAvailable: boolean;
}

export type ActionError = { ok: false; error: string };

export type GradeOutcome = { ok: true; result: GradeResult; progress: ProgressSnapshot | null } | ActionError;
export type DraftOutcome = { ok: true; savedAt: string } | ActionError;
export type HintOutcome = { ok: true; hint: Hint } | ActionError;
export type SolutionOutcome = { ok: true; fileName: string; source: string } | ActionError;
export type QuizOutcome = { ok: true; result: QuizAnswerResult } | ActionError;

export interface LessonActions {
  grade(input: { exerciseId: string; code: string; mode: GradeMode }): Promise<GradeOutcome>;
  resetDraft(input: { exerciseId: string }): Promise<DraftOutcome>;
  revealHint(input: { exerciseId: string; index: number }): Promise<HintOutcome>;
  revealSolution(input: { exerciseId: string }): Promise<SolutionOutcome>;
  answerQuiz(input: { lessonId: string; questionId: string; choiceIds: string[] }): Promise<QuizOutcome>;
}
