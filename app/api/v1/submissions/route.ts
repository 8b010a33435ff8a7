import { parseInput } from "@/lib/api/read-body";
import { listSubmissionsQuerySchema } from "@/lib/api/schemas";
import { listSubmissionsForKey } from "@/lib/api/submissions";
import { jsonResponse, methodsNotAllowed, withApiKey } from "@/lib/api/with-api-key";

export const GET = withApiKey(async ({ url, apiKey }) => {
  const query = parseInput(
    listSubmissionsQuerySchema,
    Object.fromEntries(url.searchParams),
    "The query string",
  );
  return jsonResponse(await listSubmissionsForKey(apiKey, query));
});

const notAllowed = methodsNotAllowed(["GET"]);
export const POST = notAllowed.POST;
export const PUT = notAllowed.PUT;
export const PATCH = notAllowed.PATCH;
export const DELETE = notAllowed.DELETE;
export const OPTIONS = notAllowed.OPTIONS;
