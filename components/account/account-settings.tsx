"use client";

import { useActionState, useTransition, type FormEvent } from "react";
import type { AccountFormState } from "./form-states";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

type Action = (state: AccountFormState, data: FormData) => Promise<AccountFormState>;

type Props = {
  name: string;
  email: string;
  hasPassword: boolean;
  sessions: number;
  updateName: Action;
  changePassword: Action;
  signOutEverywhere: () => Promise<void>;
  deleteAccount: Action;
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
export function AccountSettings({
  name,
  email,
  hasPassword,
  sessions,
  updateName,
  changePassword,
  signOutEverywhere,
  deleteAccount,
}: Props) {
  const nameForm = useKeptForm(updateName);
  const passwordForm = useKeptForm(changePassword);
  const deleteForm = useKeptForm(deleteAccount);
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
          <form
            action={passwordForm.formAction}
            onSubmit={passwordForm.onSubmit}
            className="space-y-4"
            noValidate
          >
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
          You are signed in on {sessions} {sessions === 1 ? "browser" : "browsers"}. Signing out everywhere
          ends all of them, this one included; a stolen session cookie stops working at once.
        </p>
        <form action={signOutEverywhere}>
          <Button type="submit" variant="danger">
            Sign out everywhere
          </Button>
        </form>
      </section>

      <section aria-labelledby="data-heading" className={section}>
        <h2 id="data-heading" className="text-lg font-semibold">
          Your data
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Download everything we keep about you: progress, every submission with its result, drafts, quiz
          answers and hints seen, as one JSON file.
        </p>
        <a
          href="/account/export"
          download
          className="inline-block text-sm font-medium text-brand-700 underline dark:text-brand-300"
        >
          Export my data (JSON)
        </a>
        <details className="rounded-md border border-red-200 p-4 dark:border-red-900">
          <summary className="cursor-pointer font-medium text-red-800 dark:text-red-300">
            Delete my account
          </summary>
          <div className="mt-4 space-y-4">
            <p className="text-sm text-slate-700 dark:text-slate-300">
              This deletes your account, progress, submissions, drafts and API keys at once and for good.
              Export your data first if you want to keep it.
            </p>
            {deleteForm.state.error ? <Alert tone="error">{deleteForm.state.error}</Alert> : null}
            <form
              action={deleteForm.formAction}
              onSubmit={deleteForm.onSubmit}
              className="space-y-4"
              noValidate
            >
              <Field
                label={`Type your email (${email}) to confirm`}
                name="confirmEmail"
                autoComplete="off"
                required
                error={deleteForm.state.fieldErrors?.confirmEmail}
              />
              {hasPassword ? (
                <Field
                  label="Password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  error={deleteForm.state.fieldErrors?.password}
                />
              ) : null}
              <Button type="submit" variant="danger" disabled={deleteForm.pending}>
                {deleteForm.pending ? "Deleting…" : "Delete my account"}
              </Button>
            </form>
          </div>
        </details>
      </section>
    </>
  );
}
