import { gradeBatch } from "@/lib/api/batch";
import { jsonResponse, methodsNotAllowed, withApiKey } from "@/lib/api/with-api-key";

export const POST = withApiKey(async (context) => jsonResponse(await gradeBatch(context)), { body: true });

const notAllowed = methodsNotAllowed(["POST"]);
export const GET = notAllowed.GET;
export const PUT = notAllowed.PUT;
export const PATCH = notAllowed.PATCH;
export const DELETE = notAllowed.DELETE;
export const OPTIONS = notAllowed.OPTIONS;
