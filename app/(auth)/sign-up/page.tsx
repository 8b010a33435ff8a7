import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { getCurrentUser } from "@/lib/auth/session";
import { isGitHubEnabled } from "@/lib/auth";
import { signUpAction } from "../actions";
import { signInWithGitHubAction } from "../github-action";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  // Only a same-site path survives (an array, a foreign URL or a control character becomes /learn).
  const next = safeRedirectPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  return (
    <div className="mx-auto max-w-sm py-12">
      <h1 className="mb-2 text-2xl font-semibold">Create your account</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Your drafts, attempts and progress are saved to it.
      </p>
      <AuthForm
        mode="sign-up"
        action={signUpAction}
        next={next}
        gitHubAction={isGitHubEnabled ? signInWithGitHubAction : undefined}
      />
    </div>
  );
}
