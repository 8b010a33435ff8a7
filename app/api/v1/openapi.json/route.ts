import { getOpenApiDocument } from "@/lib/api/openapi";
import { jsonResponse, methodsNotAllowed, withProblems } from "@/lib/api/with-api-key";

// Public: the reference needs no key.
export const GET = withProblems(async () => jsonResponse(getOpenApiDocument()));

const notAllowed = methodsNotAllowed(["GET"]);
export const POST = notAllowed.POST;
export const PUT = notAllowed.PUT;
export const PATCH = notAllowed.PATCH;
export const DELETE = notAllowed.DELETE;
export const OPTIONS = notAllowed.OPTIONS;
