export interface PageContext { nonce: string }
export type Route = (req: Request, ctx: PageContext) => Response | Promise<Response>;
export function withSecurityHeaders(route: Route): (req: Request) => Promise<Response> {
  return async (req) => {
    const nonce = crypto.randomBytes(18).toBase64();
    let res: Response;
    try { res = await route(req, { nonce }); } catch { res = new Response("Internal Server Error", { status: 500 }); }
    const add = (n: string, v: string) => { if (!res.headers.has(n)) res.headers.set(n, v); };
    add("Content-Security-Policy", `default-src 'self'; script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`);
    add("X-Content-Type-Options", "nosniff");
    add("X-Frame-Options", "DENY");
    add("Referrer-Policy", "strict-origin-when-cross-origin");
    if (req.url.startsWith("https:")) add("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    return res;
  };
}
