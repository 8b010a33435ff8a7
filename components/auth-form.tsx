"use client";

import Link from "next/link";
import { useActionState, useTransition, type FormEvent } from "react";
import type { AuthFormState } from "./account/form-states";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Field } from "./ui/field";

type Props = {
  mode: "sign-in" | "sign-up";
  action: (state: AuthFormState, data: FormData) => Promise<AuthFormState>;
  next?: string;
  gitHubAction?: () => Promise<void>;
};

/**
 * Sign-in and sign-up form. Errors come back as values from the server action and are shown inline;
 * the form is submitted in a transition (not as a plain form action) so React does not reset the
 * fields: what the user typed stays, the password included.
 */
export function AuthForm({ mode, action, next, gitHubAction }: Props) {
  const [state, formAction, pending] = useActionState(action, { values: {} });
  const [, startTransition] = useTransition();
  const signUp = mode === "sign-up";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  return (
    <div className="space-y-6">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
        {next ? <input type="hidden" name="next" value={next} /> : null}
        {signUp ? (
          <Field
            label="Name (optional)"
            name="name"
            autoComplete="name"
            defaultValue={state.values.name}
            error={state.fieldErrors?.name}
          />
        ) : null}
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values.email}
          error={state.fieldErrors?.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete={signUp ? "new-password" : "current-password"}
          required
          hint={signUp ? "At least 8 characters." : undefined}
          error={state.fieldErrors?.password}
        />
        <Button type="submit" disabled={pending} className="w-full" aria-busy={pending}>
          {pending ? (signUp ? "Creating account…" : "Signing in…") : signUp ? "Create account" : "Sign in"}
        </Button>
      </form>
      {gitHubAction ? (
        <form action={gitHubAction}>
          <Button type="submit" variant="secondary" className="w-full">
            Continue with GitHub
          </Button>
        </form>
      ) : null}
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {signUp ? (
          <>
            Already have an account?{" "}
            <Link
              className="font-medium text-brand-700 underline dark:text-brand-300"
              href={`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`}
            >
              Sign in
            </Link>
          </>
        ) : (
          <>
            New here?{" "}
            <Link
              className="font-medium text-brand-700 underline dark:text-brand-300"
              href={`/sign-up${next ? `?next=${encodeURIComponent(next)}` : ""}`}
            >
              Create an account
            </Link>
            <span className="mt-2 block">
              <Link
                className="font-medium text-brand-700 underline dark:text-brand-300"
                href="/forgot-password"
              >
                Forgot your password?
              </Link>
            </span>
          </>
        )}
      </p>
    </div>
  );
}
