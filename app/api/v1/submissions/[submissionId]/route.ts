import { getSubmissionForKey } from "@/lib/api/submissions";
import { jsonResponse, methodsNotAllowed, withApiKey } from "@/lib/api/with-api-key";

export const GET = withApiKey<{ submissionId: string }>(async ({ params, apiKey }) =>
  jsonResponse(await getSubmissionForKey(apiKey, params.submissionId)),
);

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(["GET"]);
