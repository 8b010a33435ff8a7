/**
 * Sessions and CSRF tokens, importable as "./session".
 *
 *   const session = sessionOf(req);          // { id, userId } from the `session` cookie, or null
 *   const token = csrfTokenFor(session.id);  // the CSRF token bound to this session
 *
 * The token is an HMAC of the session id under a server secret (which would come from the
 * environment in a real service).
 */

export interface Session {
  id: string;
  userId: string;
}

const SECRET = "capstone-secret-0b7e5d2a91";
const sessions = new Map<string, string>([
  ["s-alice-2f0c9e71b4", "alice"],
  ["s-bob-8d41a6c3e9", "bob"],
  ["s-mallory-51e7b0d2fa", "mallory"],
]);

/** The session named by the request's `session` cookie, or null. */
export function sessionOf(req: Request): Session | null {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== "session") continue;
    const id = rest.join("=");
    const userId = sessions.get(id);
    if (userId !== undefined) return { id, userId };
  }
  return null;
}

/** The CSRF token of session `sessionId` (base64url HMAC-SHA256). */
export function csrfTokenFor(sessionId: string): string {
  return crypto.createHmac("sha256", SECRET).update(sessionId).digest("base64url");
}
