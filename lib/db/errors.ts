/** Database errors the app expects and handles (Prisma's codes, the same on SQLite and PostgreSQL). */

/** True for a unique-constraint violation (Prisma P2002): the row exists already. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * True when text holds U+0000. PostgreSQL cannot store it in a text column (the query fails; SQLite
 * stores it), so it is refused, or looked up as nothing, before it reaches the database: the same
 * answer on both, and a clear 4xx rather than a failed query.
 */
export function hasNul(text: string): boolean {
  return text.includes("\u0000");
}
