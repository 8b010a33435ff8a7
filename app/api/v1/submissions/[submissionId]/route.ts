import { getSubmissionForKey } from "@/lib/api/submissions";
import { jsonResponse, methodsNotAllowed, withApiKey } from "@/lib/api/with-api-key";

export const GET = withApiKey<{ submissionId: string }>(async ({ params, apiKey }) =>
  jsonResponse(await getSubmissionForKey(apiKey, params.submissionId)),
);

const notAllowed = methodsNotAllowed(["GET"]);
export const POST = notAllowed.POST;
export const PUT = notAllowed.PUT;
export const PATCH = notAllowed.PATCH;
export const DELETE = notAllowed.DELETE;
export const OPTIONS = notAllowed.OPTIONS;
