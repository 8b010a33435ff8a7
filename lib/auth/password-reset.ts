/**
 * Forgotten passwords. A reset link carries a random token (256 bits); the database keeps only its
 * sha256, so a leaked database cannot reset anyone's password. A link works once, for an hour, and
 * using it ends every session of the account. Requests are limited per address and per email, and
 * answered the same way whether the email has an account or not.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db.ts";
import { hashPassword } from "./password.ts";
import { revokeAllSessions } from "./sessions.ts";

export const RESET_TTL_MS = 60 * 60 * 1000;
/** Reset emails per email address and per client address in an hour. */
export const RESET_LIMITS = { perEmail: 3, perAddress: 10 } as const;

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** The link for a token on a site (`base`: SITE_URL, else the request's origin). */
export function resetLink(token: string, base: string): string {
  return `${base.replace(/\/+$/, "")}/reset-password?token=${encodeURIComponent(token)}`;
}

/** Creates a reset token for an account (no limit: for the request flow and the admin CLI). */
export async function createPasswordReset(userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.passwordReset.create({
    data: { userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) },
  });
  return token;
}

/**
 * A reset requested from the "forgot password" form: the token to email, or null (no such account,
 * or no password to reset) — the caller answers the same either way. Rate limited.
 */
export async function requestPasswordReset(
  email: string,
  clientAddress: string,
): Promise<{ ok: true; token: string | null; userEmail: string } | { ok: false; retryAfterSeconds: number }> {
  const hourAgo = new Date(Date.now() - RESET_TTL_MS);
  const addressKey = `reset:${clientAddress}`;
  const emailKey = `reset-email:${email}`;
  const [byAddress, byEmail] = await Promise.all([
    db.signInAttempt.findMany({
      where: { key: addressKey, createdAt: { gt: hourAgo } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db.signInAttempt.findMany({
      where: { key: emailKey, createdAt: { gt: hourAgo } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  const blocking =
    byAddress.length >= RESET_LIMITS.perAddress
      ? byAddress
      : byEmail.length >= RESET_LIMITS.perEmail
        ? byEmail
        : null;
  if (blocking) {
    return {
      ok: false,
      retryAfterSeconds: Math.max(
        1,
        Math.ceil((blocking[0].createdAt.getTime() + RESET_TTL_MS - Date.now()) / 1000),
      ),
    };
  }
  await db.signInAttempt.createMany({ data: [{ key: addressKey }, { key: emailKey }] });
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, passwordHash: true },
  });
  if (!user || !user.passwordHash) return { ok: true, token: null, userEmail: email };
  return { ok: true, token: await createPasswordReset(user.id), userEmail: user.email };
}

export type ResetCheck = { ok: true; email: string } | { ok: false; error: "invalid" | "expired" | "used" };

/** Whether a token can still be used (for the reset page, before the form is sent). */
export async function checkResetToken(token: string): Promise<ResetCheck> {
  const row = await db.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { expiresAt: true, usedAt: true, user: { select: { email: true } } },
  });
  if (!row) return { ok: false, error: "invalid" };
  if (row.usedAt) return { ok: false, error: "used" };
  if (row.expiresAt.getTime() <= Date.now()) return { ok: false, error: "expired" };
  return { ok: true, email: row.user.email };
}

/**
 * Sets a new password with a token. The token is marked used in the same transaction, with a
 * condition on it still being unused, so two concurrent uses cannot both succeed.
 */
export async function resetPassword(token: string, newPassword: string): Promise<ResetCheck> {
  const tokenHash = hashToken(token);
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    const row = await tx.passwordReset.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true, expiresAt: true, usedAt: true, user: { select: { email: true } } },
    });
    if (!row) return { ok: false, error: "invalid" } as const;
    if (row.usedAt) return { ok: false, error: "used" } as const;
    if (row.expiresAt.getTime() <= Date.now()) return { ok: false, error: "expired" } as const;
    const claimed = await tx.passwordReset.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count !== 1) return { ok: false, error: "used" } as const;
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    // Other links for this account stop working too: the password they were meant to replace is gone.
    await tx.passwordReset.updateMany({
      where: { userId: row.userId, usedAt: null },
      data: { usedAt: new Date() },
    });
    await revokeAllSessions(row.userId, tx);
    return { ok: true, email: row.user.email } as const;
  });
}
