/**
 * Server-side session records. Auth.js keeps sessions in a signed JWT cookie (the credentials
 * provider requires it), which on its own stays valid until it expires: signing out only deletes the
 * cookie, so a copied token kept working for 30 days. Each sign-in now creates a `Session` row whose
 * random token the JWT carries (`sid`); every request checks the row still exists. Signing out
 * deletes it; a password change, a role change or "sign out everywhere" deletes all of a user's rows.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db.ts";

/** How long a session lasts (also the JWT's maxAge). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

type Tx = Pick<typeof db, "session">;

/** Records a new signed-in session for a user; returns the token the JWT carries. */
export async function createSession(userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("base64url");
  await db.session.create({
    data: { sessionToken, userId, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
  });
  return sessionToken;
}

/** Ends one session (signing out). Ending one that is already gone is fine. */
export async function revokeSession(sessionToken: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken } });
}

/** Ends every session of a user (sign out everywhere, password or role change). */
export async function revokeAllSessions(userId: string, tx: Tx = db): Promise<number> {
  const { count } = await tx.session.deleteMany({ where: { userId } });
  return count;
}

/** Deletes expired session rows (run on a schedule with the other clean-ups). */
export async function deleteExpiredSessions(): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expires: { lt: new Date() } } });
  return count;
}
