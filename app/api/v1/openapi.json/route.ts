import { getOpenApiDocument } from "@/lib/api/openapi";
import { jsonResponse, methodsNotAllowed, withProblems } from "@/lib/api/with-api-key";

// Public: the reference needs no key.
export const GET = withProblems(async () => jsonResponse(getOpenApiDocument()));

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(["GET"]);
