/**
 * Accounts with email and password: sign-up, credential checks and sign-in rate limiting.
 */
import "server-only";
import { z } from "zod";
import { db } from "../db.ts";
import { env } from "../env.ts";
import { getDecoyHash, hashPassword, verifyPassword } from "./password.ts";
import { recordAuditEvent, type AuditActor } from "./audit.ts";
import type { Role } from "./roles.ts";
import { revokeAllSessions } from "./sessions.ts";
import { isUniqueViolation } from "../db/errors.ts";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like ada@example.com."));

export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters.")
  .max(200, "Use at most 200 characters.");

export const signUpSchema = z.object({
  name: z.string().trim().max(80, "Use at most 80 characters.").optional().default(""),
  email: emailSchema,
  password: passwordSchema,
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});

export type PublicUser = { id: string; email: string; name: string | null; role: Role };

export type CreateUserResult = { ok: true; user: PublicUser } | { ok: false; error: "email_taken" };

/** Creates a learner account. Emails are unique (case-insensitive: they are stored lowercased). */
export async function createUser(input: {
  email: string;
  password: string;
  name?: string;
  role?: Role;
}): Promise<CreateUserResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { email: input.email, name: input.name || null, passwordHash, role: input.role ?? "learner" },
      select: { id: true, email: true, name: true, role: true },
    });
    return { ok: true, user: user as PublicUser };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "email_taken" };
    throw error;
  }
}

export type CheckCredentialsResult =
  | { ok: true; user: PublicUser }
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "rate_limited"; retryAfterSeconds: number };

/**
 * Sign-in throttling that a stranger cannot turn against a user. Failures are counted per
 * (account, address) pair, per address, and per account:
 *   - a pair gets SIGNIN_MAX_FAILURES tries, then waits 1 minute, then 2, 4 ... (at most the window);
 *   - an address gets 10x that across all accounts (credential stuffing from one place);
 *   - an account gets 50x that across all addresses, and that limit applies only to addresses that
 *     are failing too: the owner, signing in from an address that has not been failing, always gets
 *     in with the right password, however many strangers guess elsewhere.
 * Rows live in the database, so the limits hold across restarts and processes.
 */
export const SIGNIN_FACTORS = { address: 10, account: 50 } as const;

const retryAfter = (until: number) => Math.max(1, Math.ceil((until - Date.now()) / 1000));

/** Keys of the failure rows for one sign-in. */
export function signInKeys(email: string, clientAddress: string) {
  return { email: `email:${email}`, address: `ip:${clientAddress}`, pair: `pair:${email} ${clientAddress}` };
}

/**
 * Checks an email and password, refusing while the throttles above say so. Unknown emails are
 * checked against a decoy hash, so timing does not reveal which emails have accounts.
 */
export async function checkCredentials(
  email: string,
  password: string,
  clientAddress: string,
): Promise<CheckCredentialsResult> {
  const windowMs = env.SIGNIN_WINDOW_MINUTES * 60_000;
  const since = new Date(Date.now() - windowMs);
  const keys = signInKeys(email, clientAddress);
  const recent = (key: string) =>
    db.signInAttempt.findMany({
      where: { key, createdAt: { gt: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
  const [byPair, byAddress, byAccount] = await Promise.all([
    recent(keys.pair),
    recent(keys.address),
    db.signInAttempt.count({ where: { key: keys.email, createdAt: { gt: since } } }),
  ]);
  const max = env.SIGNIN_MAX_FAILURES;
  if (byPair.length >= max) {
    // Growing delays: 1 minute after the last failure at the limit, doubling with each one beyond.
    const last = byPair[byPair.length - 1].createdAt.getTime();
    const delayMs = Math.min(windowMs, 60_000 * 2 ** (byPair.length - max));
    if (last + delayMs > Date.now())
      return { ok: false, error: "rate_limited", retryAfterSeconds: retryAfter(last + delayMs) };
  }
  if (byAddress.length >= max * SIGNIN_FACTORS.address) {
    return {
      ok: false,
      error: "rate_limited",
      retryAfterSeconds: retryAfter(byAddress[0].createdAt.getTime() + windowMs),
    };
  }
  if (byAccount >= max * SIGNIN_FACTORS.account && byAddress.length > 0) {
    return {
      ok: false,
      error: "rate_limited",
      retryAfterSeconds: retryAfter(byAddress[0].createdAt.getTime() + windowMs),
    };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true },
  });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await getDecoyHash()));
  if (!user || !user.passwordHash || !valid) {
    await db.signInAttempt.createMany({
      data: [{ key: keys.email }, { key: keys.address }, { key: keys.pair }],
    });
    return { ok: false, error: "invalid_credentials" };
  }
  await db.signInAttempt.deleteMany({ where: { key: keys.pair } });
  const { passwordHash: _omit, ...rest } = user;
  return { ok: true, user: rest as PublicUser };
}

/**
 * Sign-ups allowed from one client address: at most SIGNUP_MAX_PER_HOUR accounts an hour. Counts
 * the accounts created (rows keyed "signup:<address>"), so a refused email costs nothing.
 */
export async function checkSignUpAllowed(
  clientAddress: string,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  const hourAgo = new Date(Date.now() - 3_600_000);
  const recent = await db.signInAttempt.findMany({
    where: { key: `signup:${clientAddress}`, createdAt: { gt: hourAgo } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  if (recent.length < env.SIGNUP_MAX_PER_HOUR) return { ok: true };
  return { ok: false, retryAfterSeconds: retryAfter(recent[0].createdAt.getTime() + 3_600_000) };
}

/** Records an account created from a client address (for checkSignUpAllowed). */
export async function recordSignUp(clientAddress: string): Promise<void> {
  await db.signInAttempt.create({ data: { key: `signup:${clientAddress}` } });
}

/** Deletes throttle rows older than a day (every limit looks back at most an hour). */
export async function deleteOldSignInAttempts(): Promise<number> {
  const keepMs = Math.max(env.SIGNIN_WINDOW_MINUTES * 60_000, 86_400_000);
  const { count } = await db.signInAttempt.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - keepMs) } },
  });
  return count;
}

/**
 * Sets a user's role, creating the user (with a password) when the email is new. A change of role
 * ends the user's sessions and is written to the audit log in the same transaction.
 */
export async function setUserRole(input: {
  email: string;
  role: Role;
  password?: string;
  name?: string;
  actor?: AuditActor;
}) {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) {
    const data: { role: Role; passwordHash?: string } = { role: input.role };
    if (input.password) data.passwordHash = await hashPassword(input.password);
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: existing.id }, data });
      if (existing.role !== input.role || input.password) await revokeAllSessions(existing.id, tx);
      if (existing.role !== input.role) {
        await recordAuditEvent(tx, {
          actor: input.actor ?? null,
          action: "role.changed",
          targetId: existing.id,
          target: existing.email,
          details: { from: existing.role, to: input.role },
        });
      }
    });
    return { created: false };
  }
  if (!input.password) throw new Error(`No user ${input.email}: give --password to create one.`);
  const result = await createUser({
    email: input.email,
    password: input.password,
    name: input.name,
    role: input.role,
  });
  if (!result.ok) throw new Error(`Could not create ${input.email}: ${result.error}`);
  if (input.role !== "learner") {
    await recordAuditEvent(db, {
      actor: input.actor ?? null,
      action: "role.changed",
      targetId: result.user.id,
      target: result.user.email,
      details: { from: null, to: input.role },
    });
  }
  return { created: true };
}
