"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { getClientAddress, signIn, signOut, InvalidCredentials, RateLimited } from "@/lib/auth";
import { checkPasswordStrength } from "@/lib/auth/password-policy";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { checkSignUpAllowed, createUser, recordSignUp, signInSchema, signUpSchema } from "@/lib/auth/users";
import type { AuthFormState } from "@/components/account/form-states";

/** Only same-site paths: an open redirect would let a link send people anywhere after sign-in. */
const safeNext = (value: FormDataEntryValue | null) => safeRedirectPath(value);

function firstErrors(issues: { path: PropertyKey[]; message: string }[]) {
  const errors: AuthFormState["fieldErrors"] = {};
  for (const issue of issues) {
    const key = issue.path[0] as "name" | "email" | "password";
    errors[key] ??= issue.message;
  }
  return errors;
}

async function signInWithPassword(email: string, password: string, next: string): Promise<string | null> {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof RateLimited) {
      const minutes = Math.max(1, Math.ceil(Number(error.message) / 60) || 1);
      return `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    }
    if (
      error instanceof InvalidCredentials ||
      (error instanceof AuthError && error.type === "CredentialsSignin")
    ) {
      return "That email and password don't match an account. Check them and try again.";
    }
    throw error;
  }
  redirect(next);
}

export async function signInAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: String(formData.get("email") ?? "") };
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { values, fieldErrors: firstErrors(parsed.error.issues) };
  const error = await signInWithPassword(
    parsed.data.email,
    parsed.data.password,
    safeNext(formData.get("next")),
  );
  return { values, error: error ?? undefined };
}

export async function signUpAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? "") };
  const parsed = signUpSchema.safeParse({
    name: formData.get("name") ?? "",
    email: formData.get("email"),
    password: formData.get("password"),
  });
  if (!parsed.success) return { values, fieldErrors: firstErrors(parsed.error.issues) };
  const strength = checkPasswordStrength(parsed.data.password, [parsed.data.email, parsed.data.name]);
  if (!strength.ok) return { values, fieldErrors: { password: strength.message } };
  const address = getClientAddress(await headers());
  const allowed = await checkSignUpAllowed(address);
  if (!allowed.ok) {
    const minutes = Math.max(1, Math.ceil(allowed.retryAfterSeconds / 60));
    return {
      values,
      error: `Too many accounts were created from your network in the last hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }
  const created = await createUser(parsed.data);
  if (!created.ok) {
    return {
      values,
      fieldErrors: {
        email: "An account with this email already exists. Sign in instead, or use another email.",
      },
    };
  }
  await recordSignUp(address);
  const error = await signInWithPassword(
    parsed.data.email,
    parsed.data.password,
    safeNext(formData.get("next")),
  );
  return { values, error: error ?? undefined };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
