/** What the middleware hands each route: the nonce its inline scripts must carry. */
export interface PageContext {
  nonce: string;
}
export type Route = (req: Request, ctx: PageContext) => Response | Promise<Response>;

/** Two years, in seconds: long enough for browsers to remember, as the HSTS preload list asks. */
const HSTS = "max-age=63072000; includeSubDomains";

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    // Only scripts carrying this response's nonce run; 'strict-dynamic' lets them load their own.
    `script-src 'self' 'unsafe-inline' 'nonce-${nonce}'`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Wraps `route` so every response carries the security headers. A header the route set itself is
 * kept as it is: the route knows better (a page meant to be framed, a stricter referrer policy).
 */
export function withSecurityHeaders(route: Route): (req: Request) => Promise<Response> {
  return async (req) => {
    // A fresh, unguessable nonce for every response: a reused one is an 'unsafe-inline' in disguise.
    const nonce = crypto.randomBytes(16).toBase64();
    let res: Response;
    try {
      res = await route(req, { nonce });
    } catch {
      res = new Response("Internal Server Error", { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    // Response.redirect() and others have immutable headers: build a new response around the same body.
    const headers = new Headers(res.headers);
    const defaults: [string, string][] = [
      ["Content-Security-Policy", contentSecurityPolicy(nonce)],
      ["X-Content-Type-Options", "nosniff"],
      ["X-Frame-Options", "DENY"],
      ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ];
    // HSTS only on HTTPS (RFC 6797 section 7.2); a client-sent X-Forwarded-Proto proves nothing.
    if (new URL(req.url).protocol === "https:") defaults.push(["Strict-Transport-Security", HSTS]);
    for (const [name, value] of defaults) {
      if (!headers.has(name)) headers.set(name, value);
    }
    // The body as bytes (the sandbox's Response takes no stream); null stays null for 204 and 304.
    const body = res.body === null ? null : await res.arrayBuffer();
    return new Response(body, { status: res.status, statusText: res.statusText, headers });
  };
}
