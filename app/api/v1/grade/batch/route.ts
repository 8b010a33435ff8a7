import { gradeBatch } from "@/lib/api/batch";
import { jsonResponse, methodsNotAllowed, withApiKey } from "@/lib/api/with-api-key";

export const POST = withApiKey(async (context) => jsonResponse(await gradeBatch(context)), { body: true });

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(["POST"]);
