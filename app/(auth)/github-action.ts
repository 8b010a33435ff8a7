"use server";

import { signIn } from "@/lib/auth";

export async function signInWithGitHubAction(): Promise<void> {
  await signIn("github", { redirectTo: "/learn" });
}
