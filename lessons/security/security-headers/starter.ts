/** What the middleware hands each route: the nonce its inline scripts must carry. */
export interface PageContext {
  nonce: string;
}
export type Route = (req: Request, ctx: PageContext) => Response | Promise<Response>;

/** Wraps `route` so every response carries the security headers. */
export function withSecurityHeaders(route: Route): (req: Request) => Promise<Response> {
  return async (req) => {
    const res = await route(req, { nonce: "" });
    res.headers.set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'");
    return res;
  };
}
