/**
 * Grading a learner's code for an exercise: the one code path behind the lesson page, the grading
 * API and the `grade` command. Builds the sandbox job from the lesson (lib/content), grades it in the
 * sandbox, records the submission and, for "submit", the learner's progress.
 *
 * Projects are graded one stage at a time: stage k runs the tests of stages 1..k. A learner may
 * grade any stage up to their current one (the first not yet passed); passing stage k on submit
 * unlocks k + 1, and passing the last stage passes the exercise.
 */
import "server-only";
import type { GradeResult } from "../../sandbox/index.ts";
import {
  buildGradeJobFor,
  getExercise,
  learnerCodeProblem,
  type GradeMode,
  type LearnerCode,
} from "../content/index.ts";
import { db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { gradeForOwner, trackGrade, type GradeOwner } from "./grader.ts";

export type GradeSubmissionInput = {
  exerciseId: string;
  /** One file's source, or every file of a multi-file exercise by name. */
  code: LearnerCode;
  mode: GradeMode;
  /** Projects: the stage to grade (1-based). Default: the learner's current stage (no learner: the last). */
  stage?: number;
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
  /** Seed for generated test inputs; a fresh random one when absent (never taken from a learner). */
  seed?: number;
  /**
   * Runs inside the transaction that records the submission, so both commit or neither does (the
   * API stores its idempotency record here: a retried request can never grade and record twice).
   */
  onRecorded?: (
    tx: Prisma.TransactionClient,
    submission: { id: string; createdAt: Date },
    result: GradeResult,
  ) => Promise<void>;
};

export type GradeSubmissionOutcome =
  | {
      ok: true;
      result: GradeResult;
      submission: { id: string; createdAt: Date } | null;
      stage: number | null;
    }
  | { ok: false; error: "unknown_exercise" }
  | { ok: false; error: "invalid_code" | "stage_locked"; message: string };

/** The stage a learner works on: the first not yet passed (the last once all are). */
export function currentStage(stagesPassed: number, stageCount: number): number {
  return Math.min(stagesPassed + 1, stageCount);
}

/**
 * Grades code for an exercise; records it and updates progress as described above. Throws AppError
 * `rate_limited` or `unavailable` (with retryAfterSeconds) when the grader refuses the job unrun.
 * The result is the full one (what is stored): hand it to a learner only through toLearnerView.
 */
export async function gradeSubmission(input: GradeSubmissionInput): Promise<GradeSubmissionOutcome> {
  return trackGrade(async (): Promise<GradeSubmissionOutcome> => {
    const exercise = await getExercise(input.exerciseId);
    if (!exercise) return { ok: false, error: "unknown_exercise" };
    const problem = learnerCodeProblem(exercise, input.code);
    if (problem) return { ok: false, error: "invalid_code", message: problem };

    let stage: number | null = null;
    const stageCount = exercise.kind === "project" ? exercise.stages.length : 0;
    if (exercise.kind === "project") {
      const userId = input.userId ?? null;
      const stagesPassed = userId
        ? ((
            await db.progress.findUnique({
              where: { userId_lessonId: { userId, lessonId: exercise.id } },
              select: { stagesPassed: true },
            })
          )?.stagesPassed ?? 0)
        : stageCount;
      const current = currentStage(stagesPassed, stageCount);
      stage = input.stage ?? current;
      if (stage > stageCount)
        return { ok: false, error: "invalid_code", message: `This project has ${stageCount} stages.` };
      // Visitors have no record to protect: only a learner's stages are locked.
      if (userId && stage > current) {
        return {
          ok: false,
          error: "stage_locked",
          message: `Stage ${stage} is locked: pass stage ${current} ("${exercise.stages[current - 1]!.title}") first.`,
        };
      }
    }

    const job = buildGradeJobFor(exercise, input.code, input.mode, stage ?? undefined, { seed: input.seed });
    const owner =
      input.owner !== undefined
        ? input.owner
        : input.userId
          ? { kind: "user" as const, id: input.userId }
          : null;
    const result = await gradeForOwner(job, owner);

    const record = input.record ?? Boolean(input.userId || input.apiKeyId);
    if (!record) return { ok: true, result, submission: null, stage };
    const submission = await recordSubmission(
      input,
      job.kind === "sql" ? "sql" : job.language,
      result,
      stage,
      stageCount,
    );
    return { ok: true, result, submission, stage };
  });
}

/**
 * An `internal` error is the grader's failure, not a verdict on the code (a worker that died twice,
 * a broken exercise): it is recorded as a submission but is not an attempt.
 */
export function countsAsAttempt(result: GradeResult): boolean {
  return !(result.status === "error" && result.error?.kind === "internal");
}

async function recordSubmission(
  input: GradeSubmissionInput,
  language: string,
  result: GradeResult,
  stage: number | null,
  stageCount: number,
) {
  const userId = input.userId ?? null;
  return db.$transaction(async (tx) => {
    const submission = await tx.submission.create({
      data: {
        userId,
        apiKeyId: input.apiKeyId ?? null,
        exerciseId: input.exerciseId,
        mode: input.mode,
        language,
        code: typeof input.code === "string" ? input.code : "",
        files: typeof input.code === "string" ? null : JSON.stringify(input.code),
        stage,
        status: result.status,
        result: JSON.stringify(result),
        durationMs: Math.round(result.durationMs),
        seed: result.seed ?? null,
      },
      select: { id: true, createdAt: true },
    });
    if (userId && input.mode === "submit" && countsAsAttempt(result)) {
      const pass = result.status === "pass";
      // Only a pass can change what is already there (passed, stagesPassed, firstPassedAt); a
      // failure only counts, so it needs no read (a query fewer for every failed submission).
      const existing = pass
        ? await tx.progress.findUnique({
            where: { userId_lessonId: { userId, lessonId: input.exerciseId } },
            select: { passed: true, stagesPassed: true, firstPassedAt: true },
          })
        : null;
      // A project is passed when its last stage is; each passed stage unlocks the next.
      const stagesPassed =
        stage !== null && pass ? Math.max(existing?.stagesPassed ?? 0, stage) : (existing?.stagesPassed ?? 0);
      const passed = stage !== null ? pass && stage === stageCount : pass;
      await tx.progress.upsert({
        where: { userId_lessonId: { userId, lessonId: input.exerciseId } },
        create: {
          userId,
          lessonId: input.exerciseId,
          attempts: 1,
          failedAttempts: pass ? 0 : 1,
          passed,
          stagesPassed,
          firstPassedAt: passed ? submission.createdAt : null,
        },
        update: pass
          ? {
              attempts: { increment: 1 },
              passed: existing?.passed || passed,
              stagesPassed,
              firstPassedAt: existing?.firstPassedAt ?? (passed ? submission.createdAt : null),
            }
          : { attempts: { increment: 1 }, failedAttempts: { increment: 1 } },
      });
    }
    if (input.onRecorded) await input.onRecorded(tx, submission, result);
    return submission;
  });
}
