import { checkPassword, createSession, csrfTokenFor, sessionOf } from "./session";

export interface Account {
  userId: string;
  email: string;
  balance: number;
}

/** Where the bank's pages are served from: the only origin allowed to send unsafe requests. */
export const ORIGIN = "https://bank.example";

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", ...headers } });

/**
 * Whether an unsafe request comes from our own pages. Browsers send Sec-Fetch-Site (all current
 * ones) and Origin (on every cross-origin request and every POST); an attacker's page cannot
 * change either. Requests with neither are not from a modern browser's cross-site form or fetch,
 * and still need the token.
 */
function fromOurOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  const origin = req.headers.get("origin");
  // Exact comparison: startsWith/endsWith/includes accept bank.example.evil.com or evilbank.example.
  return origin === null || origin === ORIGIN;
}

/** Compares the token in constant time, so its value cannot be learned byte by byte. */
function tokenMatches(sent: string | null, expected: string): boolean {
  if (sent === null) return false;
  const a = new TextEncoder().encode(sent);
  const b = new TextEncoder().encode(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

async function readJson(req: Request): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = await req.json();
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const ROUTES: Record<string, string> = { "/account": "GET", "/csrf-token": "GET", "/login": "POST", "/email": "POST", "/transfer": "POST" };

/** The bank's API over copies of `initial`: cookie sessions, protected against cross-site requests. */
export function createApp(initial: Account[]): (req: Request) => Promise<Response> {
  const accounts = new Map(initial.map((a) => [a.userId, { ...a }]));

  return async function handler(req: Request): Promise<Response> {
    const { pathname } = new URL(req.url);
    const allowed = Object.hasOwn(ROUTES, pathname) ? ROUTES[pathname] : undefined;
    if (allowed === undefined) return json(404, { error: "not_found" });
    // GET never changes anything, so a link or an <img> on another site can do no harm.
    if (req.method !== allowed) return json(405, { error: "method_not_allowed" }, { Allow: allowed });

    if (allowed === "POST") {
      if (!fromOurOrigin(req)) return json(403, { error: "cross_site" });
      // Only JSON: an HTML form cannot send application/json, and fetch() cannot send it cross-site without a preflight.
      const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (type !== "application/json") return json(415, { error: "unsupported_media_type" });
    }

    if (pathname === "/login") {
      const body = await readJson(req);
      if (body === null || typeof body.username !== "string" || typeof body.password !== "string") return json(400, { error: "bad_request" });
      if (!checkPassword(body.username, body.password)) return json(401, { error: "invalid_credentials" });
      const id = createSession(body.username);
      // SameSite=Lax: browsers leave the cookie off cross-site POSTs, iframes and fetches. HttpOnly: no script can read it.
      return json(200, { userId: body.username }, { "Set-Cookie": `session=${id}; Path=/; Secure; HttpOnly; SameSite=Lax` });
    }

    const session = sessionOf(req);
    const account = session === null ? undefined : accounts.get(session.userId);
    if (session === null || account === undefined) return json(401, { error: "unauthenticated" });

    if (req.method === "GET") {
      if (pathname === "/account") return json(200, account);
      return json(200, { token: csrfTokenFor(session.id) }, { "Cache-Control": "no-store" });
    }

    // The token proves the request was made by our own page, which read it with GET /csrf-token.
    if (!tokenMatches(req.headers.get("x-csrf-token"), csrfTokenFor(session.id))) return json(403, { error: "csrf" });
    const body = await readJson(req);
    if (body === null) return json(400, { error: "bad_request" });

    if (pathname === "/email") {
      const email = body.email;
      if (typeof email !== "string" || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length >= 254) return json(422, { error: "invalid_email" });
      account.email = email;
      return json(200, account);
    }
    const { to, amount } = body;
    const target = typeof to === "string" ? accounts.get(to) : undefined;
    if (target === undefined || target === account || !Number.isSafeInteger(amount) || (amount as number) <= 0 || (amount as number) > account.balance) {
      return json(422, { error: "invalid_transfer" });
    }
    account.balance -= amount as number;
    target.balance += amount as number;
    return json(200, account);
  };
}
