/**
 * The one mapper from errors to HTTP for the grading API: every failure leaves as
 * application/problem+json (RFC 9457) with a stable `code` clients can branch on.
 *   { type, title, status, code, detail, errors? }
 */
import "server-only";
import { ZodError, type z } from "zod";
import { AppError, ERROR_STATUS, type ErrorCode } from "../errors.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export type FieldError = { path: string; message: string };

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
};

/** Short, fixed titles per code (the detail says what happened this time). */
export const PROBLEM_TITLES: Record<ErrorCode, string> = {
  invalid_json: "Malformed JSON",
  invalid_path: "Invalid path",
  validation_failed: "Invalid request",
  unauthorized: "Not signed in",
  forbidden: "Not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  payload_too_large: "Request body too large",
  unsupported_media_type: "Unsupported media type",
  rate_limited: "Too many requests",
  missing_api_key: "Missing API key",
  invalid_api_key: "Invalid API key",
  revoked_api_key: "Revoked API key",
  unknown_exercise: "Unknown exercise",
  unknown_learner: "Unknown learner",
  code_too_large: "Code too large",
  invalid_files: "Code does not fit the exercise's files",
  stage_locked: "Stage locked",
  invalid_idempotency_key: "Invalid Idempotency-Key",
  idempotency_key_reused: "Idempotency-Key reused with a different request",
  idempotency_in_progress: "Request with this Idempotency-Key still in progress",
  internal: "Internal error",
  unavailable: "Service unavailable",
};

/** Where a code is explained: the API reference page has one anchor per code. */
export function problemType(code: ErrorCode): string {
  return `/docs/api#error-${code}`;
}

/** Zod issues as field errors: a dotted path ("submissions.2.code") and a message. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}

/** Any thrown value as a problem. Unknown errors are logged once here and become a bare 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) {
    const errors = error.details?.errors as FieldError[] | undefined;
    return {
      type: problemType(error.code),
      title: PROBLEM_TITLES[error.code],
      status: ERROR_STATUS[error.code],
      code: error.code,
      detail: error.message,
      ...(errors ? { errors } : {}),
    };
  }
  if (error instanceof ZodError) {
    return toProblem(
      new AppError("validation_failed", "The request does not match the schema.", {
        errors: fieldErrors(error),
      }),
    );
  }
  console.error("[api] unexpected error", error);
  // Never echo an unexpected error's message: it may carry paths or SQL.
  return toProblem(new AppError("internal", "Something went wrong on our side. The request can be retried."));
}

/** A problem+json response. Retry-After comes from AppError details (rate limits, in-progress). */
export function problemResponse(error: unknown, init: { headers?: HeadersInit } = {}): Response {
  const problem = toProblem(error);
  const headers = new Headers(init.headers);
  headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  headers.set("Cache-Control", "no-store");
  const retryAfter = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
  if (typeof retryAfter === "number") headers.set("Retry-After", String(Math.max(1, Math.ceil(retryAfter))));
  const allow = error instanceof AppError ? error.details?.allow : undefined;
  if (typeof allow === "string") headers.set("Allow", allow);
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}

/** A JSON success response. */
export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}
