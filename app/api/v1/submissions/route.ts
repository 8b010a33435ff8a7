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

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(["GET"]);
