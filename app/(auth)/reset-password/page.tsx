import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/account/password-reset-forms";
import { Alert } from "@/components/ui/alert";
import { checkResetToken } from "@/lib/auth/password-reset";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" && raw.length <= 200 ? raw : "";
  const check = token ? await checkResetToken(token) : ({ ok: false, error: "invalid" } as const);
  return (
    <div className="mx-auto max-w-sm space-y-4 py-12">
      <h1 className="text-2xl font-semibold">Choose a new password</h1>
      {check.ok ? (
        <>
          <p className="text-slate-600 dark:text-slate-400">
            For {check.email}. You will be signed out everywhere.
          </p>
          <ResetPasswordForm action={resetPasswordAction} token={token} />
        </>
      ) : (
        <Alert tone="error">
          {check.error === "expired"
            ? "This reset link has expired (links work for one hour)."
            : check.error === "used"
              ? "This reset link was already used."
              : "This reset link is not valid."}{" "}
          <Link href="/forgot-password" className="underline">
            Ask for a new one
          </Link>
          .
        </Alert>
      )}
    </div>
  );
}
