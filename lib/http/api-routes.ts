/**
 * The grading API's endpoints and their methods, as data. The route handlers (app/api/v1) answer
 * other methods with 405 and a true `Allow` (methodsNotAllowed), and the server (scripts/server.ts)
 * answers methods Next.js does not route at all (TRACE, QUERY, ...) from this table before Next sees
 * them. `lib/http/api-routes.test.ts` checks it against the route files and the OpenAPI document.
 * No imports: the server loads it with Node's type stripping.
 */

export const API_ROUTES: readonly { path: string; pattern: RegExp; methods: readonly string[] }[] = [
  { path: "/api/v1/tracks", pattern: /^\/api\/v1\/tracks\/?$/, methods: ["GET"] },
  { path: "/api/v1/tracks/{trackId}", pattern: /^\/api\/v1\/tracks\/[^/]+\/?$/, methods: ["GET"] },
  { path: "/api/v1/exercises/{exerciseId}", pattern: /^\/api\/v1\/exercises\/[^/]+\/?$/, methods: ["GET"] },
  {
    path: "/api/v1/exercises/{exerciseId}/grade",
    pattern: /^\/api\/v1\/exercises\/[^/]+\/grade\/?$/,
    methods: ["POST"],
  },
  { path: "/api/v1/grade/batch", pattern: /^\/api\/v1\/grade\/batch\/?$/, methods: ["POST"] },
  { path: "/api/v1/submissions", pattern: /^\/api\/v1\/submissions\/?$/, methods: ["GET"] },
  {
    path: "/api/v1/submissions/{submissionId}",
    pattern: /^\/api\/v1\/submissions\/[^/]+\/?$/,
    methods: ["GET"],
  },
  { path: "/api/v1/openapi.json", pattern: /^\/api\/v1\/openapi\.json$/, methods: ["GET"] },
];

/** Methods Next.js route handlers can export; anything else never reaches the app. */
export const ROUTABLE_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The `Allow` header for a set of methods: HEAD with GET, and OPTIONS always. */
export function allowHeader(methods: readonly string[]): string {
  return [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
}

/** The API endpoint a path belongs to, if any. */
export function findApiRoute(pathname: string) {
  return API_ROUTES.find((route) => route.pattern.test(pathname));
}

/**
 * Handlers for the methods a route outside /api/v1 does not export (there, Next.js answers 405 with
 * no body and no Allow header): 405 {error} with a true Allow header, and OPTIONS 204 with it.
 * Export the ones the route lacks: `export const { POST, PATCH, OPTIONS } = refuseOtherMethods(["GET"])`.
 */
export function refuseOtherMethods(allowed: readonly string[]) {
  const allow = allowHeader(allowed);
  const refuse = async () =>
    Response.json({ error: `This address supports ${allow}.` }, { status: 405, headers: { Allow: allow } });
  const options = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}
