"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getClientAddress, signOut } from "@/lib/auth";
import {
  deleteAccount,
  getAccountSummary,
  replacePassword,
  updateDisplayName,
} from "@/lib/auth/account-data";
import { hashPassword } from "@/lib/auth/password";
import { checkPasswordStrength } from "@/lib/auth/password-policy";
import { getCurrentUser } from "@/lib/auth/session";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { checkCredentials, passwordSchema } from "@/lib/auth/users";
import type { AccountFormState } from "@/components/account/form-states";

const SIGNED_OUT: AccountFormState = {
  error: "Your session has ended. Sign in again to change your account.",
};
const nameSchema = z.string().trim().max(80, "Use at most 80 characters.");

/** Changes the display name (empty: none; the email is shown instead). */
export async function updateNameAction(
  _previous: AccountFormState,
  formData: FormData,
): Promise<AccountFormState> {
  const user = await getCurrentUser();
  if (!user) return SIGNED_OUT;
  const raw = String(formData.get("name") ?? "");
  const name = nameSchema.safeParse(raw);
  if (!name.success) return { values: { name: raw }, fieldErrors: { name: name.error.issues[0]?.message } };
  await updateDisplayName(user.id, name.data || null);
  // The header shows the name on every page.
  revalidatePath("/", "layout");
  return { ok: true, message: "Name saved.", values: { name: name.data } };
}

/**
 * Changes the password after checking the current one (through the same throttle as sign-in, so
 * this form cannot be used to guess it). Every session of the account ends, this one included: the
 * user signs in again with the new password.
 */
export async function changePasswordAction(
  _previous: AccountFormState,
  formData: FormData,
): Promise<AccountFormState> {
  const user = await getCurrentUser();
  if (!user) return SIGNED_OUT;
  const current = String(formData.get("currentPassword") ?? "");
  const next = passwordSchema.safeParse(formData.get("newPassword") ?? "");
  if (!current) return { fieldErrors: { currentPassword: "Enter your current password." } };
  if (!next.success) return { fieldErrors: { newPassword: next.error.issues[0]?.message } };
  const strength = checkPasswordStrength(next.data, [user.email, user.name ?? ""]);
  if (!strength.ok) return { fieldErrors: { newPassword: strength.message } };

  const checked = await checkCredentials(user.email, current, getClientAddress(await headers()));
  if (!checked.ok) {
    return checked.error === "rate_limited"
      ? {
          error: `Too many wrong passwords. Try again in ${Math.max(1, Math.ceil(checked.retryAfterSeconds / 60))} minute(s).`,
        }
      : { fieldErrors: { currentPassword: "That is not your current password." } };
  }
  const passwordHash = await hashPassword(next.data);
  await replacePassword(user.id, passwordHash);
  // Every session ended, this one too: sign in again with the new password.
  await signOut({ redirectTo: "/sign-in?changed=password" });
  return { ok: true };
}

/** Ends every session of the account, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await revokeAllSessions(user.id);
  await signOut({ redirectTo: "/sign-in" });
}

/**
 * Deletes the account and all its data, after the user typed their email and (for password
 * accounts) their password. Audited; the session ends with it.
 */
export async function deleteAccountAction(
  _previous: AccountFormState,
  formData: FormData,
): Promise<AccountFormState> {
  const user = await getCurrentUser();
  if (!user) return SIGNED_OUT;
  const confirmEmail = String(formData.get("confirmEmail") ?? "")
    .trim()
    .toLowerCase();
  if (confirmEmail !== user.email) return { fieldErrors: { confirmEmail: `Type ${user.email} to confirm.` } };
  if ((await getAccountSummary(user.id)).hasPassword) {
    const checked = await checkCredentials(
      user.email,
      String(formData.get("password") ?? ""),
      getClientAddress(await headers()),
    );
    if (!checked.ok) {
      return checked.error === "rate_limited"
        ? {
            error: `Too many wrong passwords. Try again in ${Math.max(1, Math.ceil(checked.retryAfterSeconds / 60))} minute(s).`,
          }
        : { fieldErrors: { password: "That is not your password." } };
    }
  }
  await deleteAccount(user, { id: user.id, email: user.email });
  await signOut({ redirectTo: "/?account=deleted" });
  return { ok: true };
}
