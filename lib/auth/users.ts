/**
 * Accounts with email and password: sign-up, credential checks and sign-in rate limiting.
 */
import "server-only";
import { z } from "zod";
import { db } from "../db.ts";
import { env } from "../env.ts";
import { getDecoyHash, hashPassword, verifyPassword } from "./password.ts";
import type { Role } from "./roles.ts";

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
    if ((error as { code?: string }).code === "P2002") return { ok: false, error: "email_taken" };
    throw error;
  }
}

export type CheckCredentialsResult =
  | { ok: true; user: PublicUser }
  | { ok: false; error: "invalid_credentials" }
  | { ok: false; error: "rate_limited"; retryAfterSeconds: number };

// A client address may fail more often than one email (a classroom can share one address).
const PER_ADDRESS_FACTOR = 10;

/**
 * Checks an email and password, refusing while too many recent failures are recorded for that
 * email or client address. Failures are recorded in the database, so the limit holds across
 * restarts and processes.
 */
export async function checkCredentials(
  email: string,
  password: string,
  clientAddress: string,
): Promise<CheckCredentialsResult> {
  const windowMs = env.SIGNIN_WINDOW_MINUTES * 60_000;
  const since = new Date(Date.now() - windowMs);
  const keys = { email: `email:${email}`, address: `ip:${clientAddress}` };
  const [byEmail, byAddress] = await Promise.all([
    db.signInAttempt.findMany({ where: { key: keys.email, createdAt: { gt: since } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.signInAttempt.count({ where: { key: keys.address, createdAt: { gt: since } } }),
  ]);
  if (byEmail.length >= env.SIGNIN_MAX_FAILURES || byAddress >= env.SIGNIN_MAX_FAILURES * PER_ADDRESS_FACTOR) {
    // The window reopens when the oldest failure in it expires.
    const oldest = byEmail[0]?.createdAt.getTime() ?? Date.now();
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - Date.now()) / 1000));
    return { ok: false, error: "rate_limited", retryAfterSeconds };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true },
  });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await getDecoyHash()));
  if (!user || !user.passwordHash || !valid) {
    await db.signInAttempt.createMany({ data: [{ key: keys.email }, { key: keys.address }] });
    return { ok: false, error: "invalid_credentials" };
  }
  await db.signInAttempt.deleteMany({ where: { key: keys.email } });
  const { passwordHash: _omit, ...rest } = user;
  return { ok: true, user: rest as PublicUser };
}

/** Sets a user's role, creating the user (with a password) when the email is new. */
export async function setUserRole(input: { email: string; role: Role; password?: string; name?: string }) {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (existing) {
    const data: { role: Role; passwordHash?: string } = { role: input.role };
    if (input.password) data.passwordHash = await hashPassword(input.password);
    await db.user.update({ where: { id: existing.id }, data });
    return { created: false };
  }
  if (!input.password) throw new Error(`No user ${input.email}: give --password to create one.`);
  const result = await createUser({ email: input.email, password: input.password, name: input.name, role: input.role });
  if (!result.ok) throw new Error(`Could not create ${input.email}: ${result.error}`);
  return { created: true };
}
