/**
 * POST /api/v1/grade/batch: up to MAX_BATCH_ITEMS submissions graded concurrently through the
 * sandbox's worker pool; results in request order, each either a grade or a problem (one bad item
 * never fails the others). With an Idempotency-Key, each recorded item is remembered in the same
 * transaction as its submission, so even a batch interrupted half-way never records an item twice.
 */
import "server-only";
import { toProblem } from "./errors.ts";
import { gradeForApi } from "./grade.ts";
import { findItemResult, storeItemResult, type IdempotencyHandle } from "./idempotency.ts";
import type { AuthenticatedKey } from "./keys.ts";
import { parseInput } from "./read-body.ts";
import { batchItemSchema, batchRequestSchema, type GradeResponse } from "./schemas.ts";
import type { Problem } from "./errors.ts";

export type BatchResult = ({ ok: true } & GradeResponse) | { ok: false; error: Problem };

/** Grades a batch request body; throws only for an invalid envelope (or the rate limit). */
export async function gradeBatch(input: {
  apiKey: AuthenticatedKey;
  body: unknown;
  idempotency: IdempotencyHandle | null;
  consume: (tokens: number) => Promise<void>;
}): Promise<{ results: BatchResult[] }> {
  const { submissions } = parseInput(batchRequestSchema, input.body);
  // One token was taken for the request; each further item costs one more.
  await input.consume(submissions.length - 1);
  const handle = input.idempotency;
  const results = await Promise.all(
    submissions.map(async (raw, index): Promise<BatchResult> => {
      try {
        if (handle) {
          const stored = await findItemResult(handle, index);
          if (stored) return JSON.parse(stored) as BatchResult;
        }
        const item = parseInput(batchItemSchema, raw, `Submission ${index}`);
        const graded = await gradeForApi({
          apiKey: input.apiKey,
          exerciseId: item.exerciseId,
          code: item.code,
          files: item.files,
          stage: item.stage,
          mode: item.mode,
          learner: item.learner,
          store: handle ? (tx, body) => storeItemResult(tx, handle, index, { ok: true, ...body }) : undefined,
        });
        return { ok: true, ...graded };
      } catch (error) {
        return { ok: false, error: toProblem(error) };
      }
    }),
  );
  return { results };
}
