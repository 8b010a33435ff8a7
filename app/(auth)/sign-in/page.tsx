import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { Alert } from "@/components/ui/alert";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { getCurrentUser } from "@/lib/auth/session";
import { isGitHubEnabled } from "@/lib/auth";
import { signInAction } from "../actions";
import { signInWithGitHubAction } from "../github-action";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; changed?: string }>;
}) {
  // Only a same-site path survives (an array, a foreign URL or a control character becomes /learn).
  const params = await searchParams;
  const next = safeRedirectPath(params.next);
  if (await getCurrentUser()) redirect(next);
  return (
    <div className="mx-auto max-w-sm py-12">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      {params.changed === "password" ? (
        <div className="mb-6">
          <Alert tone="success">
            Your password is changed and every session has ended. Sign in with the new password.
          </Alert>
        </div>
      ) : null}
      <AuthForm
        mode="sign-in"
        action={signInAction}
        next={next}
        gitHubAction={isGitHubEnabled ? signInWithGitHubAction : undefined}
      />
    </div>
  );
}
