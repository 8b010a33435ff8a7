/**
 * Who is asking: the signed-in user, read fresh from the database once per request.
 */
import "server-only";
import { cache } from "react";
import { db } from "../db.ts";
import { auth } from "./index.ts";
import { roleSchema, type Role } from "./roles.ts";

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
  // The role is a string in the database: parsed, not cast.
  return { ...row.user, role: roleSchema.parse(row.user.role) };
});
