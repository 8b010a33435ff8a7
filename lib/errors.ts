/**
 * One error type for invariant and infrastructure failures, with a code that maps to an HTTP status.
 * Expected failures (bad form input, a failing submission) are values, not AppErrors.
 */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_path: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // Grading API (lib/api): specific, stable codes clients can branch on.
  missing_api_key: 401,
  invalid_api_key: 401,
  revoked_api_key: 401,
  unknown_exercise: 404,
  unknown_learner: 422,
  code_too_large: 422,
  invalid_files: 422,
  stage_locked: 409,
  invalid_idempotency_key: 400,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
