"use client";

import { useActionState, useEffect, useRef, useState } from "react";
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
      {state?.ok ? <RevealedKey key={state.key} name={state.name} value={state.key} /> : null}
    </div>
  );
}

/** The new key, shown once: copy it, then hide it (it cannot be shown again). */
function RevealedKey({ name, value }: { name: string; value: string }) {
  const [hidden, setHidden] = useState(false);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const code = useRef<HTMLElement>(null);
  const reset = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(reset.current), []);

  async function copyKey() {
    let ok = false;
    try {
      await navigator.clipboard.writeText(value);
      ok = true;
    } catch {
      // No clipboard API (an insecure context, or permission refused): select the key for Ctrl+C.
      const selection = window.getSelection();
      if (code.current && selection) {
        selection.selectAllChildren(code.current);
      }
    }
    setCopy(ok ? "copied" : "failed");
    window.clearTimeout(reset.current);
    reset.current = window.setTimeout(() => setCopy("idle"), 4000);
  }

  if (hidden) {
    return (
      <Alert tone="info">
        Key <strong>{name}</strong> is hidden. It cannot be shown again: if it was not copied, revoke it and
        create a new one.
      </Alert>
    );
  }
  return (
    <Alert tone="success">
      <p>
        Key <strong>{name}</strong> created. Copy it now: it is shown only once and cannot be recovered.
      </p>
      <code
        ref={code}
        data-testid="new-api-key"
        className="mt-2 block select-all break-all rounded bg-white/70 px-2 py-1 font-mono dark:bg-black/30"
      >
        {value}
      </code>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant="secondary"
          className="px-3 py-1"
          onClick={() => void copyKey()}
          data-testid="copy-api-key"
        >
          Copy key
        </Button>
        <Button
          type="button"
          variant="ghost"
          className="px-3 py-1"
          onClick={() => setHidden(true)}
          data-testid="hide-api-key"
        >
          Hide key
        </Button>
        <span role="status" className="text-sm">
          {copy === "copied"
            ? "Copied to the clipboard."
            : copy === "failed"
              ? "Could not copy: the key is selected, press Ctrl+C (⌘C)."
              : ""}
        </span>
      </div>
    </Alert>
  );
}
