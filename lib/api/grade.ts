/**
 * Grading through the API: checks that are the caller's fault (unknown exercise, code over the
 * exercise's size limit, learner) before any sandbox time is spent, then the shared gradeSubmission.
 */
import "server-only";
import { DEFAULT_LIMITS, toLearnerView } from "../../sandbox/index.ts";
import { getExercise } from "../content/index.ts";
import { AppError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { gradeSubmission } from "../grading/grade-submission.ts";
import type { AuthenticatedKey } from "./keys.ts";
import { resolveLearner } from "./learners.ts";
import type { GradeResponse } from "./schemas.ts";

export type ApiGradeInput = {
  apiKey: AuthenticatedKey;
  exerciseId: string;
  code: string;
  mode: "run" | "submit";
  learner?: string;
  /** Runs in the transaction that records the submission, with the response body (idempotency). */
  store?: (tx: Prisma.TransactionClient, body: GradeResponse) => Promise<void>;
};

/** Grades and records one submission; throws AppError for the caller's mistakes. */
export async function gradeForApi(input: ApiGradeInput): Promise<GradeResponse> {
  const exercise = await getExercise(input.exerciseId);
  if (!exercise) throw new AppError("unknown_exercise", `There is no exercise "${input.exerciseId}". GET /api/v1/tracks lists them.`);
  const maxBytes = exercise.limits.sourceBytes ?? DEFAULT_LIMITS.sourceBytes;
  const bytes = Buffer.byteLength(input.code, "utf8");
  if (bytes > maxBytes) {
    throw new AppError("code_too_large", `The code is ${bytes} bytes; this exercise accepts at most ${maxBytes}.`, {
      errors: [{ path: "code", message: `At most ${maxBytes} bytes.` }],
    });
  }
  const learner = await resolveLearner(input.apiKey.owner, input.learner);

  let body: GradeResponse | null = null;
  const outcome = await gradeSubmission({
    exerciseId: input.exerciseId,
    code: input.code,
    mode: input.mode,
    userId: learner.id,
    apiKeyId: input.apiKey.id,
    record: true,
    async onRecorded(tx, submission, result) {
      body = {
        submissionId: submission.id,
        exerciseId: input.exerciseId,
        mode: input.mode,
        learner,
        createdAt: submission.createdAt.toISOString(),
        // Always the learner's view, whoever sends it: an LMS passes it on to the learner. Instructor
        // and admin keys read the full result with GET /submissions/{id}.
        result: toLearnerView(result),
      };
      await input.store?.(tx, body);
    },
  });
  if (!outcome.ok) throw new AppError("unknown_exercise", `There is no exercise "${input.exerciseId}".`);
  if (!body) throw new AppError("internal", "The submission was graded but not recorded.");
  return body;
}
