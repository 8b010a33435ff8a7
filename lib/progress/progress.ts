/**
 * Reads and writes of a learner's own state: Progress, Draft, HintView and QuizAnswer. Grading
 * updates attempts and passes (lib/grading); everything else a learner does on a lesson page lands
 * here. Every function takes the user id from the caller, who got it from the session.
 */
import "server-only";
import { db } from "../db.ts";
import { listTracks } from "../content/index.ts";
import { buildCatalog, type Catalog, type LessonProgress } from "./catalog.ts";
import { listDrafts } from "./drafts.ts";

export interface LessonState {
  progress: {
    attempts: number;
    failedAttempts: number;
    passed: boolean;
    firstPassedAt: Date | null;
    hintsUsed: number;
    quizCorrect: number;
    stagesPassed: number;
  } | null;
  /** The one-file draft. */
  draft: { code: string; updatedAt: Date } | null;
  /** Multi-file exercises: the saved draft of each file by name (files never changed are absent). */
  draftFiles: Record<string, string>;
  /**
   * Every saved draft with its revision, by file ("" for a one-file exercise), reset ones included
   * (code null): what the editor's saving starts from (lib/progress/drafts.ts).
   */
  savedDrafts: Record<string, { code: string | null; revision: number; savedAt: string }>;
  /** How many hints (0..n) the learner has revealed; hints are revealed in order. */
  hintsViewed: number;
  quizAnswers: { questionId: string; choiceIds: string[]; correct: boolean }[];
}

/** One lesson's attempts, failures, pass and project stages for a learner; null before their first submission. */
export async function getProgressCounts(
  userId: string,
  lessonId: string,
): Promise<{ attempts: number; failedAttempts: number; passed: boolean; stagesPassed: number } | null> {
  return db.progress.findUnique({
    where: { userId_lessonId: { userId, lessonId } },
    select: { attempts: true, failedAttempts: true, passed: true, stagesPassed: true },
  });
}

/** The learner's progress rows, for the catalog. */
export async function listProgress(userId: string): Promise<LessonProgress[]> {
  return db.progress.findMany({
    where: { userId },
    select: {
      lessonId: true,
      attempts: true,
      passed: true,
      stagesPassed: true,
      quizCorrect: true,
      lastOpenedAt: true,
    },
  });
}

/** Notes that the learner opened a lesson now ("continue where you left off"). */
export async function markLessonOpened(userId: string, lessonId: string, at = new Date()): Promise<void> {
  await db.progress.upsert({
    where: { userId_lessonId: { userId, lessonId } },
    create: { userId, lessonId, lastOpenedAt: at },
    update: { lastOpenedAt: at },
  });
}

/** Everything the lesson page restores for a learner: progress, draft, revealed hints, quiz answers. */
export async function getLessonState(userId: string, lessonId: string): Promise<LessonState> {
  const [progress, drafts, hintsViewed, answers] = await Promise.all([
    db.progress.findUnique({
      where: { userId_lessonId: { userId, lessonId } },
      select: {
        attempts: true,
        failedAttempts: true,
        passed: true,
        firstPassedAt: true,
        hintsUsed: true,
        quizCorrect: true,
        stagesPassed: true,
      },
    }),
    listDrafts(userId, lessonId),
    db.hintView.count({ where: { userId, exerciseId: lessonId } }),
    db.quizAnswer.findMany({
      where: { userId, lessonId },
      select: { questionId: true, choices: true, correct: true },
    }),
  ]);
  const single = drafts.find((d) => d.file === "" && d.code !== null);
  return {
    progress,
    draft: single ? { code: single.code!, updatedAt: single.savedAt } : null,
    draftFiles: Object.fromEntries(
      drafts.flatMap((d) => (d.file !== "" && d.code !== null ? [[d.file, d.code]] : [])),
    ),
    savedDrafts: Object.fromEntries(
      drafts.map((d) => [d.file, { code: d.code, revision: d.revision, savedAt: d.savedAt.toISOString() }]),
    ),
    hintsViewed,
    quizAnswers: answers.map((a) => ({
      questionId: a.questionId,
      choiceIds: parseChoices(a.choices),
      correct: a.correct,
    })),
  };
}

function parseChoices(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** How many hints of an exercise the learner has revealed. */
export async function countHintViews(userId: string, exerciseId: string): Promise<number> {
  return db.hintView.count({ where: { userId, exerciseId } });
}

/**
 * Records that the learner revealed hint `index` and updates Progress.hintsUsed. Idempotent: a
 * hint revealed twice counts once. Returns the number of hints revealed so far.
 */
export async function recordHintView(userId: string, exerciseId: string, index: number): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.hintView.upsert({
      where: { userId_exerciseId_hintIndex: { userId, exerciseId, hintIndex: index } },
      create: { userId, exerciseId, hintIndex: index },
      update: {},
    });
    const hintsUsed = await tx.hintView.count({ where: { userId, exerciseId } });
    await tx.progress.upsert({
      where: { userId_lessonId: { userId, lessonId: exerciseId } },
      create: { userId, lessonId: exerciseId, hintsUsed },
      update: { hintsUsed },
    });
    return hintsUsed;
  });
}

/**
 * Stores the learner's latest answer to a quiz question and recounts Progress.quizCorrect (questions
 * of the lesson whose latest answer is right). Returns that count.
 */
export async function recordQuizAnswer(
  userId: string,
  lessonId: string,
  questionId: string,
  choiceIds: readonly string[],
  correct: boolean,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const choices = JSON.stringify([...choiceIds]);
    await tx.quizAnswer.upsert({
      where: { userId_lessonId_questionId: { userId, lessonId, questionId } },
      create: { userId, lessonId, questionId, choices, correct },
      update: { choices, correct },
    });
    const quizCorrect = await tx.quizAnswer.count({ where: { userId, lessonId, correct: true } });
    await tx.progress.upsert({
      where: { userId_lessonId: { userId, lessonId } },
      create: { userId, lessonId, quizCorrect },
      update: { quizCorrect },
    });
    return quizCorrect;
  });
}

/**
 * Which stage's reference solution a project learner may see, or null: every stage once the project
 * is passed; the current stage after `revealSolutionAfter` failed submits of that stage; else the
 * last stage passed (its reference is a fair comparison once the learner's own code passed it).
 */
export async function revealableSolutionStage(
  userId: string,
  exercise: { id: string; stageCount: number; revealSolutionAfter: number },
  progress: { passed: boolean; stagesPassed: number } | null,
): Promise<number | null> {
  if (!progress) return null;
  if (progress.passed) return exercise.stageCount;
  const current = Math.min(progress.stagesPassed + 1, exercise.stageCount);
  const failedHere = await db.submission.count({
    where: { userId, exerciseId: exercise.id, mode: "submit", stage: current, status: { not: "pass" } },
  });
  if (failedHere >= exercise.revealSolutionAfter) return current;
  return progress.stagesPassed >= 1 ? progress.stagesPassed : null;
}

/**
 * Whether the reference solution may be shown: after the exercise is passed, or after
 * `revealSolutionAfter` failed submit attempts. (Projects: revealableSolutionStage.)
 */
export function mayRevealSolution(
  progress: { passed: boolean; failedAttempts: number } | null,
  revealSolutionAfter: number,
): boolean {
  if (!progress) return false;
  return progress.passed || progress.failedAttempts >= revealSolutionAfter;
}

/** The catalog (tracks, lessons, statuses, what next) for a learner, or for a visitor (no progress). */
export async function getCatalog(userId: string | null): Promise<Catalog> {
  const [tracks, rows] = await Promise.all([
    listTracks(),
    userId ? listProgress(userId) : Promise.resolve([]),
  ]);
  return buildCatalog(tracks, rows);
}
