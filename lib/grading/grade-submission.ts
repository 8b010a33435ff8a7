/**
 * Grading a learner's code for an exercise: the one code path behind the lesson page, the grading
 * API and the `grade` command. Builds the sandbox job from the lesson (lib/content), grades it in the
 * sandbox, records the submission and, for "submit", the learner's progress.
 */
import "server-only";
import type { GradeResult } from "../../sandbox/index.ts";
import { buildGradeJob, type GradeMode } from "../content/index.ts";
import { db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { gradeForOwner, trackGrade, type GradeOwner } from "./grader.ts";

export type GradeSubmissionInput = {
  exerciseId: string;
  code: string;
  mode: GradeMode;
  /** The learner, when signed in (web) or named by the API caller. */
  userId?: string | null;
  /** The API key that sent it, for API submissions. */
  apiKeyId?: string | null;
  /**
   * Whose share of the grader this uses (fair scheduling and limits, lib/grading/grader.ts): the
   * account that sent it (for the API, the key's owner) or a visitor's address. Default: `userId`.
   */
  owner?: GradeOwner | null;
  /** Whether to store the submission (default: when there is a user or an API key). */
  record?: boolean;
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
 * Grades code for an exercise; records it and updates progress as described above. Throws AppError
 * `rate_limited` or `unavailable` (with retryAfterSeconds) when the grader refuses the job unrun.
 */
export async function gradeSubmission(input: GradeSubmissionInput): Promise<GradeSubmissionOutcome> {
  return trackGrade(async () => {
    const job = await buildGradeJob(input.exerciseId, input.code, input.mode);
    if (!job) return { ok: false, error: "unknown_exercise" };
    const owner = input.owner !== undefined ? input.owner : input.userId ? { kind: "user" as const, id: input.userId } : null;
    const result = await gradeForOwner(job, owner);

    const record = input.record ?? Boolean(input.userId || input.apiKeyId);
    if (!record) return { ok: true, result, submission: null };
    const submission = await recordSubmission(input, job.kind === "sql" ? "sql" : job.language, result);
    return { ok: true, result, submission };
  });
}

/**
 * An `internal` error is the grader's failure, not a verdict on the code (a worker that died twice,
 * a broken exercise): it is recorded as a submission but is not an attempt.
 */
export function countsAsAttempt(result: GradeResult): boolean {
  return !(result.status === "error" && result.error?.kind === "internal");
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
      },
      select: { id: true, createdAt: true },
    });
    if (userId && input.mode === "submit" && countsAsAttempt(result)) {
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
