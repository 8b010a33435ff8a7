import { checkPassword, createSession, sessionOf } from "./session";

export interface Account {
  userId: string;
  email: string;
  balance: number;
}

/** Where the bank's pages are served from. */
export const ORIGIN = "https://bank.example";

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json", ...headers } });

/** The body as an object: JSON, or an HTML form's fields. */
async function readBody(req: Request): Promise<Record<string, unknown> | null> {
  try {
    if ((req.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
      return Object.fromEntries(new URLSearchParams(await req.text()));
    }
    const value: unknown = await req.json();
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The bank's API over copies of `initial`, with cookie sessions. */
export function createApp(initial: Account[]): (req: Request) => Promise<Response> {
  const accounts = new Map(initial.map((a) => [a.userId, { ...a }]));

  return async function handler(req: Request): Promise<Response> {
    const url = new URL(req.url);

    if (url.pathname === "/login" && req.method === "POST") {
      const body = await readBody(req);
      if (body === null || typeof body.username !== "string" || typeof body.password !== "string") return json(400, { error: "bad_request" });
      if (!checkPassword(body.username, body.password)) return json(401, { error: "invalid_credentials" });
      return json(200, { userId: body.username }, { "Set-Cookie": `session=${createSession(body.username)}; Path=/` });
    }

    const session = sessionOf(req);
    const account = session === null ? undefined : accounts.get(session.userId);
    if (session === null || account === undefined) return json(401, { error: "unauthenticated" });

    if (url.pathname === "/account" && req.method === "GET") return json(200, account);

    if (url.pathname === "/email" && req.method === "POST") {
      const body = await readBody(req);
      const email = body?.email;
      if (typeof email !== "string" || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) return json(422, { error: "invalid_email" });
      account.email = email;
      return json(200, account);
    }

    if (url.pathname === "/transfer" && (req.method === "POST" || req.method === "GET")) {
      // GET /transfer?to=bob&amount=5 is what the old mobile app still sends.
      const body = req.method === "GET" ? Object.fromEntries(url.searchParams) : await readBody(req);
      const to = body?.to;
      const amount = Number(body?.amount);
      const target = typeof to === "string" ? accounts.get(to) : undefined;
      if (target === undefined || target === account || !Number.isSafeInteger(amount) || amount <= 0 || amount > account.balance) {
        return json(422, { error: "invalid_transfer" });
      }
      account.balance -= amount;
      target.balance += amount;
      return json(200, account);
    }
    return json(404, { error: "not_found" });
  };
}
