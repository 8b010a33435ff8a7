/**
 * Grading a learner's code for an exercise: the one code path behind the lesson page, the grading
 * API and the `grade` command. Builds the sandbox job from the lesson (lib/content), grades it in the
 * sandbox, records the submission and, for "submit", the learner's progress.
 */
import "server-only";
import { getGrader, type GradeResult } from "../../sandbox/index.ts";
import { buildGradeJob, type GradeMode } from "../content/index.ts";
import { db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";

export type GradeSubmissionInput = {
  exerciseId: string;
  code: string;
  mode: GradeMode;
  /** The learner, when signed in (web) or named by the API caller. */
  userId?: string | null;
  /** The API key that sent it, for API submissions. */
  apiKeyId?: string | null;
  /** Whether to store the submission (default: when there is a user or an API key). */
  record?: boolean;
  /** Seed for generated test inputs; a fresh random one when absent (never taken from a learner). */
  seed?: number;
  /**
   * Runs inside the transaction that records the submission, so both commit or neither does (the
   * API stores its idempotency record here: a retried request can never grade and record twice).
   */
  onRecorded?: (tx: Prisma.TransactionClient, submission: { id: string; createdAt: Date }, result: GradeResult) => Promise<void>;
};

export type GradeSubmissionOutcome =
  | { ok: true; result: GradeResult; submission: { id: string; createdAt: Date } | null }
  | { ok: false; error: "unknown_exercise" };

/**
 * Grades code for an exercise; records it and updates progress as described above. The result is
 * the full one (what is stored): hand it to a learner only through toLearnerView.
 */
export async function gradeSubmission(input: GradeSubmissionInput): Promise<GradeSubmissionOutcome> {
  const job = await buildGradeJob(input.exerciseId, input.code, input.mode, { seed: input.seed });
  if (!job) return { ok: false, error: "unknown_exercise" };
  const result = await getGrader().grade(job);

  const record = input.record ?? Boolean(input.userId || input.apiKeyId);
  if (!record) return { ok: true, result, submission: null };
  const submission = await recordSubmission(input, job.kind === "sql" ? "sql" : job.language, result);
  return { ok: true, result, submission };
}

async function recordSubmission(input: GradeSubmissionInput, language: string, result: GradeResult) {
  const userId = input.userId ?? null;
  return db.$transaction(async (tx) => {
    const submission = await tx.submission.create({
      data: {
        userId,
        apiKeyId: input.apiKeyId ?? null,
        exerciseId: input.exerciseId,
        mode: input.mode,
        language,
        code: input.code,
        status: result.status,
        result: JSON.stringify(result),
        durationMs: Math.round(result.durationMs),
        seed: result.seed ?? null,
      },
      select: { id: true, createdAt: true },
    });
    if (userId && input.mode === "submit") {
      const passed = result.status === "pass";
      const existing = await tx.progress.findUnique({ where: { userId_lessonId: { userId, lessonId: input.exerciseId } } });
      await tx.progress.upsert({
        where: { userId_lessonId: { userId, lessonId: input.exerciseId } },
        create: {
          userId,
          lessonId: input.exerciseId,
          attempts: 1,
          failedAttempts: passed ? 0 : 1,
          passed,
          firstPassedAt: passed ? submission.createdAt : null,
        },
        update: {
          attempts: { increment: 1 },
          failedAttempts: passed ? undefined : { increment: 1 },
          passed: existing?.passed || passed,
          firstPassedAt: existing?.firstPassedAt ?? (passed ? submission.createdAt : null),
        },
      });
    }
    if (input.onRecorded) await input.onRecorded(tx, submission, result);
    return submission;
  });
}
