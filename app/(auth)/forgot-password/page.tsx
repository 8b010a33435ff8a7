import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/account/password-reset-forms";
import { requestResetAction } from "./actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-sm space-y-4 py-12">
      <h1 className="text-2xl font-semibold">Forgot your password?</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Enter the email of your account and we will send you a link to choose a new password.
      </p>
      <ForgotPasswordForm action={requestResetAction} />
    </div>
  );
}
