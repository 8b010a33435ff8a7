/**
 * Sessions and CSRF tokens for the bank, importable as "./session".
 *
 *   const session = sessionOf(req);        // { id, userId } from the `session` cookie, or null
 *   const token = csrfTokenFor(session.id); // the CSRF token that belongs to this session
 *   checkPassword("alice", "...")          // true or false
 *   const id = createSession("alice");     // a new session id, for the Set-Cookie header
 *
 * The CSRF token is an HMAC of the session id under a server secret, so it is bound to the
 * session: one user's token is worthless with another user's cookie, and an attacker who can
 * plant cookies cannot make a matching token. (The secret would come from the environment in a
 * real service; it is here so that the lesson is self-contained.)
 */

export interface Session {
  id: string;
  userId: string;
}

const SECRET = "lesson-secret-4f9d1c7e2b";
const PASSWORDS = new Map([
  ["alice", "correct horse battery staple"],
  ["bob", "hunter2hunter2"],
]);
const sessions = new Map<string, string>([
  ["s-alice-6b1e0d9a4c", "alice"],
  ["s-bob-93ac27f1e8", "bob"],
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

/** Whether `password` is `username`'s password. */
export function checkPassword(username: string, password: string): boolean {
  const expected = PASSWORDS.get(username);
  return expected !== undefined && expected === password;
}

/** Starts a session for `userId` and returns its id. */
export function createSession(userId: string): string {
  const id = "s-" + crypto.randomBytes(16).reduce((s, b) => s + b.toString(16).padStart(2, "0"), "");
  sessions.set(id, userId);
  return id;
}
