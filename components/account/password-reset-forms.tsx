"use client";

import Link from "next/link";
import { useActionState, useTransition, type FormEvent } from "react";
import type { ForgotState, ResetState } from "./form-states";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

/** Submits in a transition so what was typed stays when the action returns an error. */
function useKept<S extends object>(
  action: (state: Awaited<S>, data: FormData) => Promise<S>,
  initial: Awaited<S>,
) {
  const [state, formAction, pending] = useActionState(action, initial);
  const [, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, onSubmit };
}

export function ForgotPasswordForm({
  action,
}: {
  action: (state: ForgotState, data: FormData) => Promise<ForgotState>;
}) {
  const { state, formAction, pending, onSubmit } = useKept(action, {});
  if (state.sent) {
    return (
      <Alert tone="success">
        If {state.email} has an account, an email with a reset link is on its way. The link works once, for
        one hour.
      </Alert>
    );
  }
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.email}
        error={state.fieldError}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : "Send me a reset link"}
      </Button>
    </form>
  );
}

export function ResetPasswordForm({
  action,
  token,
}: {
  action: (state: ResetState, data: FormData) => Promise<ResetState>;
  token: string;
}) {
  const { state, formAction, pending, onSubmit } = useKept(action, {});
  if (state.done) {
    return (
      <Alert tone="success">
        Your password is changed and every session of your account has ended.{" "}
        <Link href="/sign-in" className="underline">
          Sign in
        </Link>{" "}
        with the new one.
      </Alert>
    );
  }
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters, and not easy to guess: a few unrelated words work well."
        error={state.fieldError}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set the new password"}
      </Button>
    </form>
  );
}
