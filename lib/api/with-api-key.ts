/**
 * The wrapper every /api/v1 route handler goes through, so no route repeats a check:
 *   Bearer key (401 missing/invalid/revoked) -> rate limit (429) -> JSON body with a size limit
 *   (415/413/400) -> Idempotency-Key (replay/409/422) -> the handler -> problem+json for any error.
 *
 *   export const POST = withApiKey<{ exerciseId: string }>(async ({ params, body, apiKey }) => ..., { body: true });
 */
import "server-only";
import { env } from "../env.ts";
import { allowHeader } from "../http/api-routes.ts";
import { AppError } from "../errors.ts";
import { jsonResponse, PROBLEM_CONTENT_TYPE, problemResponse } from "./errors.ts";
import {
  abandonIdempotent,
  finishIdempotent,
  hashRequest,
  keepLease,
  readIdempotencyKey,
  startIdempotent,
  type IdempotencyHandle,
} from "./idempotency.ts";
import { findApiKey, touchApiKey, type AuthenticatedKey } from "./keys.ts";
import { rateLimitHeaders, takeTokens } from "./rate-limit.ts";
import { readJsonBody } from "./read-body.ts";

export type ApiContext<P> = {
  request: Request;
  url: URL;
  params: P;
  apiKey: AuthenticatedKey;
  /** The parsed JSON body (routes created with `body: true`), not yet validated. */
  body: unknown;
  /** Set when the request carries an Idempotency-Key. */
  idempotency: IdempotencyHandle | null;
  /** Takes `tokens` more from the key's rate limit (a batch costs one per item), or throws rate_limited. */
  consume(tokens: number): Promise<void>;
};

type RouteContext<P> = { params: Promise<P> };

const WWW_AUTHENTICATE = 'Bearer realm="serverside-api"';

/** The key named by `Authorization: Bearer <key>`, or an AppError (401). */
async function authenticate(request: Request): Promise<AuthenticatedKey> {
  const header = request.headers.get("authorization");
  if (!header) throw new AppError("missing_api_key", "Send an API key: Authorization: Bearer ss_live_...");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError("invalid_api_key", "The Authorization header must be: Bearer <API key>.");
  // Keys are short; anything long is not a key and is not worth hashing.
  const key = match[1]!.length <= 200 ? await findApiKey(match[1]!) : null;
  if (!key) throw new AppError("invalid_api_key", "This API key does not exist.");
  if (key.revokedAt)
    throw new AppError("revoked_api_key", "This API key was revoked; ask an instructor for a new one.");
  return key;
}

function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError(
    "rate_limited",
    `This API key sent more than ${env.API_RATE_LIMIT_PER_MINUTE} requests (or batch items) in a minute.`,
    { retryAfterSeconds },
  );
}

/** Wraps an API route handler with authentication, limits, idempotency and error mapping. */
export function withApiKey<P extends Record<string, string> = Record<string, never>>(
  handler: (context: ApiContext<P>) => Promise<Response>,
  options: { body?: boolean } = {},
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    const headers = new Headers();
    let handle: IdempotencyHandle | null = null;
    let releaseLease = () => {};
    try {
      const apiKey = await authenticate(request).catch((error: unknown) => {
        headers.set("WWW-Authenticate", WWW_AUTHENTICATE);
        throw error;
      });
      const limit = env.API_RATE_LIMIT_PER_MINUTE;
      const state = await takeTokens(apiKey.id, limit, 1);
      for (const [name, value] of Object.entries(rateLimitHeaders(state))) headers.set(name, value);
      if (!state.allowed) throw rateLimited(state.retryAfterSeconds);
      await touchApiKey(apiKey);

      const url = new URL(request.url);
      let body: unknown = undefined;
      if (options.body) {
        const idempotencyKey = readIdempotencyKey(request.headers);
        const read = await readJsonBody(request, env.API_MAX_BODY_BYTES);
        body = read.value;
        if (idempotencyKey) {
          const started = await startIdempotent(
            apiKey.id,
            idempotencyKey,
            hashRequest(request.method, url.pathname, read.raw),
          );
          if (started.kind === "replay") {
            headers.set("Content-Type", started.status >= 400 ? PROBLEM_CONTENT_TYPE : "application/json");
            headers.set("Cache-Control", "no-store");
            headers.set("Idempotent-Replayed", "true");
            // The first answer's Location, so a client that lost it still finds the submission.
            if (started.submissionId) headers.set("Location", submissionPath(started.submissionId));
            return new Response(started.body, { status: started.status, headers });
          }
          handle = started.handle;
          // Renewed while this request works, so a retry after a crash waits seconds, not minutes.
          releaseLease = keepLease(handle);
        }
      }

      const response = await handler({
        request,
        url,
        params: await context.params,
        apiKey,
        body,
        idempotency: handle,
        async consume(tokens) {
          if (tokens <= 0) return;
          const more = await takeTokens(apiKey.id, limit, tokens);
          for (const [name, value] of Object.entries(rateLimitHeaders(more))) headers.set(name, value);
          if (!more.allowed) throw rateLimited(more.retryAfterSeconds);
        },
      });
      if (handle && !handle.finished)
        await finishIdempotent(handle, response.status, await response.clone().text());
      headers.forEach((value, name) => response.headers.set(name, value));
      return response;
    } catch (error) {
      const response = problemResponse(error, { headers });
      if (handle && !handle.finished) {
        // A client error is an answer worth replaying; a server error or a "too many" (429)
        // recorded nothing and is temporary, so the key is freed for a retry.
        const settle =
          response.status < 500 && response.status !== 429
            ? finishIdempotent(handle, response.status, await response.clone().text())
            : abandonIdempotent(handle);
        await settle.catch((settleError: unknown) => console.error("[api] idempotency record", settleError));
      }
      return response;
    } finally {
      releaseLease();
    }
  };
}

/** A handler for routes that need no key (the OpenAPI document): errors still leave as problem+json. */
export function withProblems(
  handler: (request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      return problemResponse(error);
    }
  };
}

/**
 * Handlers for the methods a route does not support (405 problem+json with a true Allow header), and
 * OPTIONS answering with that header. Export all of them from the route file: Next's own OPTIONS
 * would list every exported method, these included.
 */
export function methodsNotAllowed(allowed: string[]) {
  const allow = allowHeader(allowed);
  const handler = async () =>
    problemResponse(new AppError("method_not_allowed", `This endpoint supports ${allow}.`, { allow }));
  const options = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: options };
}

export { jsonResponse };

/** The URL of a submission, as the grade route's Location header gives it. */
export function submissionPath(submissionId: string): string {
  return `/api/v1/submissions/${submissionId}`;
}
