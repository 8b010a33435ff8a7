"use client";

import { useActionState, useTransition, type FormEvent } from "react";
import type { AccountFormState } from "@/app/(auth)/account/actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

type Action = (state: AccountFormState, data: FormData) => Promise<AccountFormState>;

type Props = {
  name: string;
  hasPassword: boolean;
  sessions: number;
  updateName: Action;
  changePassword: Action;
  signOutEverywhere: () => Promise<void>;
};

const section = "space-y-4 rounded-lg border border-slate-200 p-5 dark:border-slate-800";

/** Submits in a transition so React keeps what was typed when the action returns an error. */
function useKeptForm(action: Action) {
  const [state, formAction, pending] = useActionState(action, {});
  const [, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, onSubmit };
}

/** Name, password and sessions of the signed-in account. */
export function AccountSettings({ name, hasPassword, sessions, updateName, changePassword, signOutEverywhere }: Props) {
  const nameForm = useKeptForm(updateName);
  const passwordForm = useKeptForm(changePassword);
  return (
    <>
      <section aria-labelledby="name-heading" className={section}>
        <h2 id="name-heading" className="text-lg font-semibold">
          Name
        </h2>
        {nameForm.state.ok ? <Alert tone="success">{nameForm.state.message}</Alert> : null}
        {nameForm.state.error ? <Alert tone="error">{nameForm.state.error}</Alert> : null}
        <form action={nameForm.formAction} onSubmit={nameForm.onSubmit} className="space-y-4" noValidate>
          <Field
            label="Name (optional)"
            name="name"
            autoComplete="name"
            defaultValue={nameForm.state.values?.name ?? name}
            error={nameForm.state.fieldErrors?.name}
            hint="Shown in the header and to your instructors. Leave empty to show your email."
          />
          <Button type="submit" variant="secondary" disabled={nameForm.pending}>
            {nameForm.pending ? "Saving…" : "Save name"}
          </Button>
        </form>
      </section>

      {hasPassword ? (
        <section aria-labelledby="password-heading" className={section}>
          <h2 id="password-heading" className="text-lg font-semibold">
            Password
          </h2>
          {passwordForm.state.ok ? <Alert tone="success">{passwordForm.state.message}</Alert> : null}
          {passwordForm.state.error ? <Alert tone="error">{passwordForm.state.error}</Alert> : null}
          <form action={passwordForm.formAction} onSubmit={passwordForm.onSubmit} className="space-y-4" noValidate>
            <Field
              label="Current password"
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              error={passwordForm.state.fieldErrors?.currentPassword}
            />
            <Field
              label="New password"
              name="newPassword"
              type="password"
              autoComplete="new-password"
              required
              hint="At least 8 characters, and not easy to guess: a few unrelated words work well."
              error={passwordForm.state.fieldErrors?.newPassword}
            />
            <Button type="submit" variant="secondary" disabled={passwordForm.pending}>
              {passwordForm.pending ? "Changing…" : "Change password"}
            </Button>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="sessions-heading" className={section}>
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Sessions
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="session-count">
          You are signed in on {sessions} {sessions === 1 ? "browser" : "browsers"}. Signing out everywhere ends all of
          them, this one included; a stolen session cookie stops working at once.
        </p>
        <form action={signOutEverywhere}>
          <Button type="submit" variant="danger">
            Sign out everywhere
          </Button>
        </form>
      </section>
    </>
  );
}
