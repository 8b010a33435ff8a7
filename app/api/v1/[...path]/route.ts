import { problemResponse } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";

// Anything under /api/v1 that is not an endpoint: a problem+json 404, not the HTML not-found page.
async function notFound(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return problemResponse(
    new AppError(
      "not_found",
      `There is no endpoint ${request.method} ${pathname}. See /api/v1/openapi.json.`,
    ),
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
