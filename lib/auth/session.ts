/**
 * Who is asking: the signed-in user, read fresh from the database once per request.
 */
import "server-only";
import { cache } from "react";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { auth } from "./index.ts";
import { canTeach, type Role } from "./roles.ts";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/**
 * The signed-in user, or null. Cached for the duration of one request. A token whose server-side
 * session was ended (sign-out, password or role change) counts as signed out.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || !session.sid) return null;
  // One query: the session record and its user.
  const row = await db.session.findUnique({
    where: { sessionToken: session.sid },
    select: { expires: true, user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!row || row.user.id !== id || row.expires.getTime() <= Date.now()) return null;
  return row.user as CurrentUser;
});

/** The signed-in user, or an "unauthorized" AppError. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to do this.");
  return user;
}

/** The signed-in instructor or admin, or an AppError (unauthorized / forbidden). */
export async function requireInstructor(): Promise<CurrentUser> {
  const user = await requireUser();
  if (!canTeach(user.role)) throw new AppError("forbidden", "Only instructors and admins can do this.");
  return user;
}
