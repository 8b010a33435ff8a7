"use server";

import { headers } from "next/headers";
import { z } from "zod";
import type {
  GradeOutcome,
  ProgressSnapshot,
  QuizOutcome,
  SolutionOutcome,
} from "@/components/lesson/lesson-actions";
import { getClientAddress } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/session";
import { checkQuizAnswer, getExercise, type PrivateExercise } from "@/lib/content";
import { exerciseIdSchema } from "@/lib/content/schema";
import { AppError } from "@/lib/errors";
import { gradeSubmission } from "@/lib/grading/grade-submission";
import {
  getProgressCounts,
  mayRevealSolution,
  recordQuizAnswer,
  revealableSolutionStage,
} from "@/lib/progress/progress";
import { takeRequest } from "@/lib/db/buckets";
import { MAX_DRAFT_CHARS } from "@/lib/progress/drafts";
import { toLearnerView } from "@/sandbox/disclosure";

// Grading costs CPU: visitors are limited per client address, learners per account (more generously),
// in database buckets (lib/db/buckets.ts) so the limit holds across app servers.
const VISITOR_GRADES_PER_MINUTE = 20;
const LEARNER_GRADES_PER_MINUTE = 60;

const id = exerciseIdSchema;
const tooLong = `Your code is longer than ${MAX_DRAFT_CHARS.toLocaleString("en")} characters.`;
const gradeSchema = z
  .object({
    exerciseId: id,
    code: z.string().max(MAX_DRAFT_CHARS, tooLong).optional(),
    files: z
      .record(z.string().max(64), z.string())
      .refine((files) => Object.keys(files).length <= 20, "Too many files.")
      .refine(
        (files) => Object.values(files).reduce((sum, code) => sum + code.length, 0) <= MAX_DRAFT_CHARS,
        tooLong,
      )
      .optional(),
    mode: z.enum(["run", "submit"]),
    stage: z.number().int().min(1).max(20).optional(),
  })
  .refine((input) => (input.code === undefined) !== (input.files === undefined), "Send your code.");
const exerciseSchema = z.object({ exerciseId: id });
const quizSchema = z.object({
  lessonId: id,
  questionId: z.string().min(1).max(100),
  choiceIds: z.array(z.string().min(1).max(100)).min(1, "Choose an answer first.").max(20),
});

function invalid(error: z.ZodError): { ok: false; error: string } {
  return { ok: false, error: error.issues[0]?.message ?? "Invalid request." };
}

async function progressSnapshot(userId: string, exercise: PrivateExercise): Promise<ProgressSnapshot | null> {
  const row = await getProgressCounts(userId, exercise.id);
  if (!row) return null;
  const solutionAvailable =
    exercise.kind === "project"
      ? (await revealableSolutionStage(
          userId,
          {
            id: exercise.id,
            stageCount: exercise.stages.length,
            revealSolutionAfter: exercise.revealSolutionAfter,
          },
          row,
        )) !== null
      : mayRevealSolution(row, exercise.revealSolutionAfter);
  return { ...row, solutionAvailable };
}

/** Grades the learner's code: "run" against the visible tests, "submit" against all (recorded for learners). */
export async function gradeAction(input: unknown): Promise<GradeOutcome> {
  const parsed = gradeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { exerciseId, code, files, mode, stage } = parsed.data;
  const user = await getCurrentUser();
  const address = user ? null : getClientAddress(await headers());
  const limit = user
    ? await takeRequest(`grade:user:${user.id}`, LEARNER_GRADES_PER_MINUTE)
    : await takeRequest(`grade:ip:${address}`, VISITOR_GRADES_PER_MINUTE);
  if (!limit.ok) {
    return {
      ok: false,
      error: user
        ? `You have run code ${LEARNER_GRADES_PER_MINUTE} times in a minute. Wait ${limit.retryAfterSeconds} s and try again.`
        : `Visitors can run code ${VISITOR_GRADES_PER_MINUTE} times a minute. Wait ${limit.retryAfterSeconds} s, or sign in for a higher limit.`,
    };
  }
  const exercise = await getExercise(exerciseId);
  if (!exercise) return { ok: false, error: "Unknown exercise." };
  let outcome: Awaited<ReturnType<typeof gradeSubmission>>;
  try {
    outcome = await gradeSubmission({
      exerciseId,
      code: files ?? code ?? "",
      mode,
      stage,
      userId: user?.id ?? null,
      owner: user ? { kind: "user", id: user.id } : { kind: "visitor", address: address! },
    });
  } catch (error) {
    // The grader refused the job unrun (busy, restarting, or this learner's share is used): say so.
    if (error instanceof AppError && (error.code === "unavailable" || error.code === "rate_limited"))
      return { ok: false, error: error.message };
    throw error;
  }
  if (!outcome.ok)
    return { ok: false, error: outcome.error === "unknown_exercise" ? "Unknown exercise." : outcome.message };
  const progress = user && mode === "submit" ? await progressSnapshot(user.id, exercise) : null;
  // The learner's view: hidden tests' values never leave the server (sandbox/disclosure.ts).
  return { ok: true, result: toLearnerView(outcome.result), progress, stage: outcome.stage };
}

/** The reference solution, only once the learner passed or failed `revealSolutionAfter` times. */
export async function revealSolutionAction(input: unknown): Promise<SolutionOutcome> {
  const parsed = exerciseSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const user = await getCurrentUser();
  if (!user)
    return { ok: false, error: "Sign in and submit your attempts to unlock the reference solution." };
  const exercise = await getExercise(parsed.data.exerciseId);
  if (!exercise) return { ok: false, error: "Unknown exercise." };
  const progress = await getProgressCounts(user.id, exercise.id);
  if (exercise.kind === "project") {
    const stage = await revealableSolutionStage(
      user.id,
      {
        id: exercise.id,
        stageCount: exercise.stages.length,
        revealSolutionAfter: exercise.revealSolutionAfter,
      },
      progress,
    );
    if (stage === null)
      return {
        ok: false,
        error: `A stage's reference solution unlocks when you pass it, or after ${exercise.revealSolutionAfter} failed submissions of it.`,
      };
    return {
      ok: true,
      files: exercise.stages[stage - 1]!.solution.map(({ name, source }) => ({ name, source })),
      stage,
    };
  }
  if (!mayRevealSolution(progress, exercise.revealSolutionAfter)) {
    const left = exercise.revealSolutionAfter - (progress?.failedAttempts ?? 0);
    return {
      ok: false,
      error: `The reference solution unlocks when you pass, or after ${left} more failed submission${left === 1 ? "" : "s"}.`,
    };
  }
  const files = exercise.files
    ? exercise.solutionFiles
    : [{ ...exercise.solution, name: exercise.public.fileName }];
  return { ok: true, files: files.map(({ name, source }) => ({ name, source })), stage: null };
}

/** Checks a quiz answer; stores it for learners (the latest answer counts). */
export async function answerQuizAction(input: unknown): Promise<QuizOutcome> {
  const parsed = quizSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { lessonId, questionId, choiceIds } = parsed.data;
  const result = await checkQuizAnswer(lessonId, questionId, choiceIds);
  if (!result) return { ok: false, error: "That answer does not belong to this question." };
  const user = await getCurrentUser();
  if (user) await recordQuizAnswer(user.id, lessonId, questionId, choiceIds, result.correct);
  return { ok: true, result };
}
