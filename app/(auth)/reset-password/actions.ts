"use server";

import { z } from "zod";
import { checkPasswordStrength } from "@/lib/auth/password-policy";
import { checkResetToken, resetPassword } from "@/lib/auth/password-reset";
import { passwordSchema } from "@/lib/auth/users";
import type { ResetState } from "@/components/account/form-states";

const EXPLAIN = {
  invalid: "This reset link is not valid. Ask for a new one.",
  expired: "This reset link has expired (links work for one hour). Ask for a new one.",
  used: "This reset link was already used. Ask for a new one if you need to.",
} as const;

/** Sets the new password from a reset link; every session of the account ends. */
export async function resetPasswordAction(_previous: ResetState, formData: FormData): Promise<ResetState> {
  const token = z.string().min(1).max(200).safeParse(formData.get("token"));
  if (!token.success) return { error: EXPLAIN.invalid };
  const password = passwordSchema.safeParse(formData.get("password") ?? "");
  if (!password.success) return { fieldError: password.error.issues[0]?.message };
  const check = await checkResetToken(token.data);
  if (!check.ok) return { error: EXPLAIN[check.error] };
  const strength = checkPasswordStrength(password.data, [check.email]);
  if (!strength.ok) return { fieldError: strength.message };
  const result = await resetPassword(token.data, password.data);
  return result.ok ? { done: true } : { error: EXPLAIN[result.error] };
}
