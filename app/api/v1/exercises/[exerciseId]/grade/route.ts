import { gradeForApi } from "@/lib/api/grade";
import { finishIdempotent } from "@/lib/api/idempotency";
import { parseInput } from "@/lib/api/read-body";
import { gradeRequestSchema } from "@/lib/api/schemas";
import { jsonResponse, methodsNotAllowed, submissionPath, withApiKey } from "@/lib/api/with-api-key";

export const POST = withApiKey<{ exerciseId: string }>(
  async ({ params, body, apiKey, idempotency }) => {
    const input = parseInput(gradeRequestSchema, body);
    const graded = await gradeForApi({
      apiKey,
      exerciseId: params.exerciseId,
      ...input,
      // The stored response commits with the submission: a retry replays it, never regrades. It is
      // stored by reference to the submission (which holds the result), not as a second copy.
      store: idempotency ? (tx, response) => finishIdempotent(idempotency, 201, response, tx) : undefined,
    });
    return jsonResponse(graded, {
      status: 201,
      headers: { Location: submissionPath(graded.submissionId) },
    });
  },
  { body: true },
);

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(["POST"]);
