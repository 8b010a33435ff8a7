/**
 * Grading through the API: checks that are the caller's fault (unknown exercise, code over the
 * exercise's size limit, learner) before any sandbox time is spent, then the shared gradeSubmission.
 */
import "server-only";
import { DEFAULT_LIMITS, toLearnerView } from "../../sandbox/index.ts";
import { getExercise, learnerCodeProblem, type LearnerCode } from "../content/index.ts";
import { AppError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { gradeSubmission } from "../grading/grade-submission.ts";
import type { AuthenticatedKey } from "./keys.ts";
import { resolveLearner } from "./learners.ts";
import type { GradeResponse } from "./schemas.ts";

export type ApiGradeInput = {
  apiKey: AuthenticatedKey;
  exerciseId: string;
  /** Exactly one of code (one-file exercises) and files (multi-file ones); the schema checks it. */
  code?: string;
  files?: Record<string, string>;
  /** Projects: the stage to grade (default: the learner's current one). */
  stage?: number;
  mode: "run" | "submit";
  learner?: string;
  /** Runs in the transaction that records the submission, with the response body (idempotency). */
  store?: (tx: Prisma.TransactionClient, body: GradeResponse) => Promise<void>;
};

/** Grades and records one submission; throws AppError for the caller's mistakes. */
export async function gradeForApi(input: ApiGradeInput): Promise<GradeResponse> {
  const exercise = await getExercise(input.exerciseId);
  if (!exercise)
    throw new AppError(
      "unknown_exercise",
      `There is no exercise "${input.exerciseId}". GET /api/v1/tracks lists them.`,
    );
  const code: LearnerCode = input.files ?? input.code ?? "";
  const problem = learnerCodeProblem(exercise, code);
  if (problem)
    throw new AppError("invalid_files", problem, {
      errors: [{ path: input.files ? "files" : "code", message: problem }],
    });
  const maxBytes = exercise.limits.sourceBytes ?? DEFAULT_LIMITS.sourceBytes;
  // The limit is on the total: splitting code across files must not multiply it.
  const bytes = (typeof code === "string" ? [code] : Object.values(code)).reduce(
    (sum, source) => sum + Buffer.byteLength(source, "utf8"),
    0,
  );
  if (bytes > maxBytes) {
    const path = typeof code === "string" ? "code" : "files";
    throw new AppError(
      "code_too_large",
      `The ${path === "files" ? "files are" : "code is"} ${bytes} bytes${path === "files" ? " together" : ""}; this exercise accepts at most ${maxBytes}.`,
      {
        errors: [{ path, message: `At most ${maxBytes} bytes.` }],
      },
    );
  }
  const learner = await resolveLearner(input.apiKey.owner, input.learner);

  let body: GradeResponse | null = null;
  const outcome = await gradeSubmission({
    exerciseId: input.exerciseId,
    code,
    mode: input.mode,
    stage: input.stage,
    userId: learner.id,
    apiKeyId: input.apiKey.id,
    // The grader's fair share belongs to whoever sends: the key's owner, whichever learner it names.
    owner: { kind: "user", id: input.apiKey.owner.id },
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
  if (!outcome.ok) {
    if (outcome.error === "unknown_exercise")
      throw new AppError("unknown_exercise", `There is no exercise "${input.exerciseId}".`);
    throw new AppError(outcome.error === "stage_locked" ? "stage_locked" : "invalid_files", outcome.message);
  }
  if (!body) throw new AppError("internal", "The submission was graded but not recorded.");
  return body;
}
