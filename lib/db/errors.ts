/** Database errors the app expects and handles (Prisma's codes, the same on SQLite and PostgreSQL). */

/** True for a unique-constraint violation (Prisma P2002): the row exists already. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
