/**
 * What the account forms' Server Actions return. The forms own these shapes (they render them); the
 * actions in app/(auth) import them, so components never import app/ (ARCHITECTURE.md).
 */

/** Sign-in and sign-up (components/auth-form.tsx). */
export type AuthFormState = {
  error?: string;
  fieldErrors?: Partial<Record<"name" | "email" | "password", string>>;
  /** What the user typed (never the password), so the form can show it again. */
  values: { name?: string; email?: string };
};

/** "Forgot password": the request for a reset link. */
export type ForgotState = { sent?: boolean; error?: string; fieldError?: string; email?: string };

/** Setting a new password from a reset link. */
export type ResetState = { done?: boolean; error?: string; fieldError?: string };

/** The account settings forms (name, password, deletion). */
export type AccountFormState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Partial<
    Record<"name" | "currentPassword" | "newPassword" | "confirmEmail" | "password", string>
  >;
  /** What the user typed (never a password), shown again after an error. */
  values?: { name?: string };
};
