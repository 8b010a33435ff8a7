// Mistake: answers a plain OPTIONS (no Access-Control-Request-Method: not a preflight) itself, outside the CORS wrapper, so that response lacks Vary: Origin and a shared cache can mix it up between origins.
const ALLOWED_ORIGINS = new Set(["https://app.example.com", "https://admin.example.com"]);
const ALLOWED_METHODS = ["GET", "POST"];
const ALLOWED_HEADERS = ["content-type", "authorization", "x-request-id"];

const notes = [
  { id: 1, text: "CORS is enforced by browsers, not by servers" },
  { id: 2, text: "Preflight asks before the real request" },
];

function isAllowedOrigin(origin: string | null): origin is string {
  // Exact match against a fixed list: no prefixes, suffixes, patterns, or the literal "null".
  return origin !== null && ALLOWED_ORIGINS.has(origin);
}

function preflight(req: Request): Response {
  const origin = req.headers.get("origin");
  const method = req.headers.get("access-control-request-method") ?? "";
  const requested = (req.headers.get("access-control-request-headers") ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== "");
  const vary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
  if (
    !isAllowedOrigin(origin) ||
    !ALLOWED_METHODS.includes(method) ||
    !requested.every((h) => ALLOWED_HEADERS.includes(h))
  ) {
    return new Response(null, { status: 403, headers: { Vary: vary } });
  }
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Credentials": "true",
      "Access-Control-Allow-Methods": ALLOWED_METHODS.join(", "),
      "Access-Control-Allow-Headers": "Content-Type, Authorization, X-Request-Id",
      "Access-Control-Max-Age": "600",
      Vary: vary,
    },
  });
}

/** Adds the CORS headers an actual (non-preflight) response needs. */
function withCors(req: Request, res: Response): Response {
  const headers = new Headers(res.headers);
  // The answer depends on Origin, so shared caches must key on it, even for requests without one.
  headers.set("Vary", "Origin");
  const origin = req.headers.get("origin");
  if (isAllowedOrigin(origin)) {
    headers.set("Access-Control-Allow-Origin", origin);
    headers.set("Access-Control-Allow-Credentials", "true");
    headers.set("Access-Control-Expose-Headers", "X-Total-Count");
  }
  return new Response(res.body, { status: res.status, headers });
}

async function route(req: Request): Promise<Response> {
  if (req.method === "GET") {
    return Response.json(notes, { headers: { "X-Total-Count": String(notes.length) } });
  }
  if (req.method === "POST") {
    let input: unknown;
    try {
      input = await req.json();
    } catch {
      return Response.json({ error: "Body must be valid JSON" }, { status: 400 });
    }
    const text = (input as { text?: unknown } | null)?.text;
    if (typeof text !== "string" || text.trim() === "") {
      return Response.json({ error: "text must be a non-empty string" }, { status: 400 });
    }
    const note = { id: notes.length + 1, text };
    notes.push(note);
    return Response.json(note, { status: 201 });
  }
  return Response.json({ error: "Method not allowed" }, { status: 405, headers: { Allow: "GET, POST, OPTIONS" } });
}

export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname !== "/api/notes") return Response.json({ error: "Not found" }, { status: 404 });
  if (req.method === "OPTIONS" && req.headers.has("access-control-request-method")) return preflight(req);
  if (req.method === "OPTIONS") return new Response(null, { status: 204, headers: { Allow: "GET, POST, OPTIONS" } });
  return withCors(req, await route(req));
}
