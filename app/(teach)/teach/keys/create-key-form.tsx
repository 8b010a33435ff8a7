"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createKeyAction, type CreateKeyState } from "./actions";

/** Name a key, create it, and see it once. */
export function CreateKeyForm() {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createKeyAction, null);
  return (
    <div className="space-y-4">
      <form action={action} className="flex max-w-xl flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field
            label="Key name"
            name="name"
            placeholder="e.g. Moodle course 2026"
            defaultValue={state && !state.ok ? state.name : ""}
            error={state && !state.ok ? state.fieldError : undefined}
            hint="Say where the key is used, so you know which one to revoke."
            maxLength={80}
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
      {state && !state.ok && state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state?.ok ? (
        <Alert tone="success">
          <p>
            Key <strong>{state.name}</strong> created. Copy it now: it is shown only once and cannot be recovered.
          </p>
          <code data-testid="new-api-key" className="mt-2 block select-all break-all rounded bg-white/70 px-2 py-1 font-mono dark:bg-black/30">
            {state.key}
          </code>
        </Alert>
      ) : null}
    </div>
  );
}
