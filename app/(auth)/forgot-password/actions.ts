"use server";

import { headers } from "next/headers";
import { getClientAddress } from "@/lib/auth";
import { requestPasswordReset, resetLink } from "@/lib/auth/password-reset";
import { emailSchema } from "@/lib/auth/users";
import { env } from "@/lib/env";
import { isMailConfigured, sendMail } from "@/lib/mail";
import type { ForgotState } from "@/components/account/form-states";

/**
 * Emails a reset link. The answer is the same whether or not the email has an account, so the form
 * cannot be used to find out who has one.
 */
export async function requestResetAction(_previous: ForgotState, formData: FormData): Promise<ForgotState> {
  const raw = String(formData.get("email") ?? "");
  const email = emailSchema.safeParse(raw);
  if (!email.success) return { email: raw, fieldError: email.error.issues[0]?.message };
  if (!isMailConfigured()) {
    return {
      email: raw,
      error:
        "This server cannot send email. Ask an administrator for a reset link (npm run user -- reset-link).",
    };
  }
  const requestHeaders = await headers();
  const result = await requestPasswordReset(email.data, getClientAddress(requestHeaders));
  if (!result.ok) {
    const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
    return {
      email: raw,
      error: `Too many reset emails were asked for. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }
  if (result.token) {
    // isMailConfigured() guarantees SITE_URL: never the request's Host (see lib/mail.ts).
    const link = resetLink(result.token, env.SITE_URL!);
    try {
      await sendMail({
        to: result.userEmail,
        subject: "Reset your Serverside password",
        text: [
          "Someone (hopefully you) asked to reset the password of your Serverside account.",
          "",
          `Choose a new password here: ${link}`,
          "",
          "The link works once, for one hour. If you did not ask for it, ignore this email: your password stays as it is.",
        ].join("\n"),
      });
    } catch (error) {
      console.error("[mail] sending a reset email failed", error);
      return { email: raw, error: "The reset email could not be sent. Try again in a few minutes." };
    }
  }
  return { sent: true, email: raw };
}
