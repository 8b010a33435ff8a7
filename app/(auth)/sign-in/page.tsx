import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { getCurrentUser } from "@/lib/auth/session";
import { isGitHubEnabled } from "@/lib/auth";
import { signInAction } from "../actions";
import { signInWithGitHubAction } from "../github-action";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  if (await getCurrentUser()) redirect("/learn");
  return (
    <div className="mx-auto max-w-sm py-12">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <AuthForm mode="sign-in" action={signInAction} next={next} gitHubAction={isGitHubEnabled ? signInWithGitHubAction : undefined} />
    </div>
  );
}
