/**
 * Whose submission an API request is: the key's owner, unless the request names a `learner`
 * (email or user id). Only keys owned by instructors or admins may name another user (an LMS or a
 * course script grading for its learners); a learner's key acts only for that learner.
 */
import "server-only";
import { canTeach } from "../auth/roles.ts";
import { db } from "../db.ts";
import { hasNul } from "../db/errors.ts";
import { AppError } from "../errors.ts";
import type { AuthenticatedKey } from "./keys.ts";

export type Learner = { id: string; email: string };

/** The learner named by `ref` (or the owner), after checking the owner may act for them. */
export async function resolveLearner(
  owner: AuthenticatedKey["owner"],
  ref: string | undefined,
): Promise<Learner> {
  if (ref === undefined || ref === owner.id || ref.toLowerCase() === owner.email)
    return { id: owner.id, email: owner.email };
  if (!canTeach(owner.role)) {
    throw new AppError(
      "forbidden",
      "This API key belongs to a learner: it can act only for its owner. Leave out `learner`.",
    );
  }
  const user = await findUser(ref);
  if (!user)
    throw new AppError(
      "unknown_learner",
      `No user has the email or id "${ref}". Learners need an account first.`,
    );
  // Instructors act for learners only; only an admin's key may act for other staff.
  if (user.role !== "learner" && owner.role !== "admin") {
    throw new AppError(
      "forbidden",
      `An instructor's API key acts only for learners; "${ref}" is an ${user.role}.`,
    );
  }
  return { id: user.id, email: user.email };
}

/** A user by email (case-insensitive) or id. */
export async function findUser(ref: string): Promise<(Learner & { role: string }) | null> {
  if (hasNul(ref)) return null; // no email or id holds one, and PostgreSQL would fail the query
  return db.user.findFirst({
    where: ref.includes("@") ? { email: ref.toLowerCase() } : { id: ref },
    select: { id: true, email: true, role: true },
  });
}
