/**
 * The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json and rendered at /docs/api.
 * Component schemas are generated from the zod schemas the routes validate with (schemas.ts), so
 * the document, the reference page and the server cannot drift apart; e2e/api.spec.ts validates the
 * document and checks every documented route and response against the running server.
 */
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode } from "../errors.ts";
import { apiRegistry, listSubmissionsQuerySchema, MAX_BATCH_ITEMS } from "./schemas.ts";

type JsonSchema = Record<string, unknown>;

export type OpenApiParameter = {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description: string;
  schema: JsonSchema;
};
export type OpenApiResponse = {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, { schema: JsonSchema }>;
  /** Error codes this response can carry (an extension the reference page lists). */
  "x-codes"?: ErrorCode[];
};
export type OpenApiOperation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
};
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: {
    title: string;
    version: string;
    description: string;
    license: { name: string; identifier: string };
  };
  jsonSchemaDialect: string;
  servers: { url: string; description: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<"get" | "post", OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
    parameters: Record<string, OpenApiParameter>;
    headers: Record<string, { description: string; schema: JsonSchema }>;
  };
  /** Every error code, its status and what it means (an extension the reference page renders). */
  "x-error-codes": { code: ErrorCode; status: number; description: string }[];
};

/** What each error code means, for the reference. */
export const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  invalid_json: "The body is not valid JSON (or not UTF-8, or empty).",
  invalid_path:
    "A %-escape in the URL's path does not decode (a lone `%`, or bytes that are not UTF-8); write `%` itself as `%25`. Answered before authentication.",
  validation_failed:
    "The JSON or query string does not match the schema; `errors` lists each field (`path`, `message`).",
  unauthorized: "Not signed in (web pages and exports; the API uses the *_api_key codes).",
  forbidden: "The key's owner may not do this (a learner's key naming another learner).",
  not_found: "No such track, submission or endpoint, or none this key may read.",
  method_not_allowed:
    "The endpoint exists but not with this method; the Allow header lists the methods it has.",
  payload_too_large:
    "The body is larger than the server's limit (API_MAX_BODY_BYTES); reading stops at the limit.",
  unsupported_media_type: "POST bodies must be JSON: Content-Type: application/json.",
  rate_limited:
    "The key used up its requests per minute (a batch costs one per item). Wait Retry-After seconds.",
  missing_api_key: "No Authorization header. Send Authorization: Bearer <key>.",
  invalid_api_key: "The Authorization header is malformed or the key does not exist.",
  revoked_api_key: "The key was revoked. Ask an instructor for a new one.",
  unknown_exercise: "No exercise has this id (GET /tracks lists lessons and their exercises).",
  unknown_learner: "`learner` names no user (by email or id). Learners need an account first.",
  code_too_large:
    "`code` (or `files`, all together) is larger than the exercise's source limit (64 KiB unless the exercise says otherwise).",
  invalid_files:
    "`code` sent for a multi-file exercise, `files` for a one-file one, or `files` with unknown or missing file names (the exercise's `files` lists them).",
  stage_locked:
    "A project's stage after the learner's current one: pass the earlier stages first (submit mode).",
  invalid_idempotency_key: "Idempotency-Key must be 1-200 visible ASCII characters.",
  idempotency_key_reused: "This Idempotency-Key was used before with a different method, path or body.",
  idempotency_in_progress:
    "The first request with this Idempotency-Key is still running. Retry after Retry-After seconds.",
  internal:
    "A server error. Nothing was recorded; the request can be retried (with the same Idempotency-Key).",
  unavailable: "The server is temporarily unable to grade.",
};

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });

const rateLimitHeaders = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
};

function problem(
  description: string,
  codes: ErrorCode[],
  headers?: OpenApiResponse["headers"],
): OpenApiResponse {
  return {
    description,
    content: { "application/problem+json": { schema: ref("Problem") } },
    "x-codes": codes,
    ...(headers ? { headers } : {}),
  };
}

/** Errors every key-authenticated operation can answer with. */
function keyErrors(): Record<string, OpenApiResponse> {
  return {
    "401": problem("No key, a malformed or unknown key, or a revoked key.", [
      "missing_api_key",
      "invalid_api_key",
      "revoked_api_key",
    ]),
    "405": problem("Another method on this path.", ["method_not_allowed"]),
    "429": problem("Rate limited.", ["rate_limited"], {
      "Retry-After": { $ref: "#/components/headers/Retry-After" },
      ...rateLimitHeaders,
    }),
    "500": problem("Server error (nothing recorded).", ["internal"]),
  };
}

/** Errors of operations with a JSON body. */
function bodyErrors(): Record<string, OpenApiResponse> {
  return {
    "400": problem("Malformed JSON or Idempotency-Key.", ["invalid_json", "invalid_idempotency_key"]),
    "409": problem(
      "The first request with this Idempotency-Key is still running.",
      ["idempotency_in_progress"],
      { "Retry-After": { $ref: "#/components/headers/Retry-After" } },
    ),
    "413": problem("Body over the size limit.", ["payload_too_large"]),
    "415": problem("Body not sent as JSON.", ["unsupported_media_type"]),
  };
}

function componentSchemas(): Record<string, JsonSchema> {
  const uri = (id: string) => `#/components/schemas/${id}`;
  const generate = (io: "input" | "output") =>
    z.toJSONSchema(apiRegistry, { target: "draft-2020-12", io, uri, unrepresentable: "any" })
      .schemas as Record<string, JsonSchema>;
  const output = generate("output");
  const input = generate("input");
  // Request bodies are documented as clients send them (defaults optional), responses as sent back.
  const requestIds = new Set(["GradeRequest", "BatchGradeRequest", "BatchGradeItem"]);
  const schemas: Record<string, JsonSchema> = {};
  for (const id of Object.keys(output).sort()) {
    const {
      $schema: _schema,
      $id: _id,
      ...schema
    } = (requestIds.has(id) ? input[id] : output[id]) as JsonSchema;
    void _schema;
    void _id;
    schemas[id] = schema;
  }
  return schemas;
}

function queryParameters(): OpenApiParameter[] {
  const schema = z.toJSONSchema(listSubmissionsQuerySchema, { target: "draft-2020-12", io: "input" }) as {
    properties: Record<string, JsonSchema>;
  };
  const descriptions: Record<string, string> = {
    learner: "Only this learner's submissions (email or user id). Learners' keys may name only their owner.",
    exercise: "Only submissions for this exercise id.",
    cursor: "nextCursor from the previous page.",
    limit: "Page size, 1-100 (default 20).",
  };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: "query" as const,
    required: false,
    description: descriptions[name] ?? "",
    schema: name === "limit" ? { type: "integer", minimum: 1, maximum: 100, default: 20 } : property,
  }));
}

const DESCRIPTION = `Grade code against Serverside's exercises from other systems (an LMS, a CI job, a script), and read tracks, exercises and submissions.

**Authentication.** Every endpoint except this document needs an API key: \`Authorization: Bearer ss_live_...\`. Instructors and admins create keys at /teach/keys; an admin can create one with \`npm run api-key -- create --user <email> --name <name>\`. A key is shown once; the server keeps only its sha256.

**Whose submission.** A graded submission belongs to the key's owner, unless the request names a \`learner\` (email or user id): keys owned by instructors and admins may grade for any user with an account (that is how an LMS grades for its learners); a learner's key acts only for its owner. A key reads its owner's submissions and those it sent; instructors' and admins' keys read every learner's.

**Limits.** Each key has a token bucket of API_RATE_LIMIT_PER_MINUTE requests per minute (a batch costs one per item); every response carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset, and a 429 carries Retry-After. The bucket is kept in the database: one budget per key across every app server, kept over restarts. Grading is scheduled fairly across users: the key's owner may have GRADER_MAX_PENDING_PER_USER grades running or waiting at once (more get 429 with Retry-After, batch items included), and when the grader's queue is full a grade gets 503 with Retry-After (nothing recorded; retry). Bodies over API_MAX_BODY_BYTES get 413 (reading stops at the limit); code over the exercise's source limit gets 422 code_too_large.

**Idempotency.** Send \`Idempotency-Key: <unique string>\` on a POST and a retry with the same key and body returns the stored response (header \`Idempotent-Replayed: true\`; a grade's replay also carries its Location) without grading or recording again. The stored response commits in the same transaction as the submission. The same key with a different body: 422 idempotency_key_reused; while the first request still runs: 409 idempotency_in_progress with Retry-After. If the server stops mid-request, a retry takes the key over about 10 seconds later and runs the request (it was not recorded). Responses are kept ${24} hours.

**Errors.** Every error is \`application/problem+json\`: \`{ type, title, status, code, detail, errors? }\`. Branch on \`code\`; the codes are listed below and are stable within v1.`;

let cached: OpenApiDocument | null = null;

/** The document (built once per process). */
export function getOpenApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}

function buildDocument(): OpenApiDocument {
  const ok = (
    description: string,
    schema: JsonSchema,
    extra: Partial<OpenApiResponse> = {},
  ): OpenApiResponse => ({
    description,
    headers: { ...rateLimitHeaders, ...extra.headers },
    content: json(schema),
  });
  const notFound = (codes: ErrorCode[]) => problem("Not found.", codes);
  return {
    openapi: "3.1.0",
    info: {
      title: "Serverside grading API",
      version: "1.0.0",
      description: DESCRIPTION,
      license: { name: "MIT", identifier: "MIT" },
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/api/v1", description: "This server" }],
    security: [{ bearerAuth: [] }],
    tags: [
      {
        name: "Catalog",
        description:
          "Tracks and exercises: public lesson content only (never hidden tests, solutions, hints or quiz answers).",
      },
      { name: "Grading", description: "Grade code in the sandbox; each grade is recorded as a submission." },
      { name: "Submissions", description: "Recorded submissions." },
    ],
    paths: {
      "/tracks": {
        get: {
          operationId: "listTracks",
          summary: "List tracks and their lessons",
          description: "Every track in order, with its lessons and each lesson's exercise kind.",
          tags: ["Catalog"],
          responses: { "200": ok("The tracks.", ref("TrackList")), ...keyErrors() },
        },
      },
      "/tracks/{trackId}": {
        get: {
          operationId: "getTrack",
          summary: "Get a track",
          description: "One track with its lessons.",
          tags: ["Catalog"],
          parameters: [
            {
              name: "trackId",
              in: "path",
              required: true,
              description: "Track id, e.g. `http`.",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": ok("The track.", ref("Track")),
            "404": notFound(["not_found"]),
            ...keyErrors(),
          },
        },
      },
      "/exercises/{exerciseId}": {
        get: {
          operationId: "getExercise",
          summary: "Get an exercise",
          description:
            "The public part of an exercise: lesson prose (HTML), instructions, starter code and visible example tests.",
          tags: ["Catalog"],
          parameters: [{ $ref: "#/components/parameters/exerciseId" }],
          responses: {
            "200": ok("The exercise.", ref("ExerciseDetail")),
            "404": notFound(["unknown_exercise"]),
            ...keyErrors(),
          },
        },
      },
      "/exercises/{exerciseId}/grade": {
        post: {
          operationId: "gradeSubmission",
          summary: "Grade code for an exercise",
          description:
            "Grades the code in the sandbox and waits for the result (typically tens of milliseconds; at most the exercise's time limit). The submission is recorded; `submit` also updates the learner's progress. A failing or crashing submission is a 201 with `result.status` \"fail\" or \"error\", not an HTTP error. One-file exercises take `code`; multi-file exercises (their `files` is not null) take `files`, every file by name. Projects (their `stages` is not empty) grade one stage at a time, with every earlier stage's tests as regression tests: passing a stage on submit unlocks the next. The result is the learner's view whoever sends the request (hidden tests without their values, surviving mutants only); instructor and admin keys read the full result with GET /submissions/{submissionId}.",
          tags: ["Grading"],
          parameters: [
            { $ref: "#/components/parameters/exerciseId" },
            { $ref: "#/components/parameters/Idempotency-Key" },
          ],
          requestBody: { required: true, content: json(ref("GradeRequest")) },
          responses: {
            "201": ok("Graded and recorded.", ref("GradeResponse"), {
              headers: { Location: { $ref: "#/components/headers/Location" } },
            }),
            ...bodyErrors(),
            "403": problem("A learner's key named another learner.", ["forbidden"]),
            "404": notFound(["unknown_exercise"]),
            "409": problem(
              "A project stage the learner has not unlocked, or the first request with this Idempotency-Key is still running.",
              ["stage_locked", "idempotency_in_progress"],
              {
                "Retry-After": { $ref: "#/components/headers/Retry-After" },
              },
            ),
            "422": problem(
              "Invalid fields, code too large, files that do not fit the exercise, unknown learner, or a reused Idempotency-Key.",
              [
                "validation_failed",
                "code_too_large",
                "invalid_files",
                "unknown_learner",
                "idempotency_key_reused",
              ],
            ),
            ...keyErrors(),
            "503": problem(
              "The grader's queue is full or the server is shutting down: nothing was graded or recorded; retry after Retry-After.",
              ["unavailable"],
              {
                "Retry-After": { $ref: "#/components/headers/Retry-After" },
              },
            ),
          },
        },
      },
      "/grade/batch": {
        post: {
          operationId: "gradeBatch",
          summary: `Grade up to ${MAX_BATCH_ITEMS} submissions`,
          description:
            "Grades the submissions concurrently through the sandbox's worker pool and answers when all are done, with one result per submission in request order. An item that fails (unknown exercise, invalid fields, ...) is `{ ok: false, error: Problem }` and does not affect the others. Costs one rate-limit token per item.",
          tags: ["Grading"],
          parameters: [{ $ref: "#/components/parameters/Idempotency-Key" }],
          requestBody: { required: true, content: json(ref("BatchGradeRequest")) },
          responses: {
            "200": ok("Every item's result, in order.", ref("BatchGradeResponse")),
            ...bodyErrors(),
            "422": problem(
              "The envelope is invalid (not 1-20 submissions) or the Idempotency-Key was reused.",
              ["validation_failed", "idempotency_key_reused"],
            ),
            ...keyErrors(),
          },
        },
      },
      "/submissions": {
        get: {
          operationId: "listSubmissions",
          summary: "List submissions",
          description: "Newest first, paginated with an opaque cursor.",
          tags: ["Submissions"],
          parameters: queryParameters(),
          responses: {
            "200": ok("A page of submissions.", ref("SubmissionList")),
            "403": problem("A learner's key named another learner.", ["forbidden"]),
            "422": problem("Invalid query parameters or cursor, or an unknown learner.", [
              "validation_failed",
              "unknown_learner",
            ]),
            ...keyErrors(),
          },
        },
      },
      "/submissions/{submissionId}": {
        get: {
          operationId: "getSubmission",
          summary: "Get a submission",
          description:
            "One submission with its code and result: in full (hidden tests' values, the `seed` that replays it) for instructor and admin keys, the learner's view for learner keys.",
          tags: ["Submissions"],
          parameters: [
            {
              name: "submissionId",
              in: "path",
              required: true,
              description: "The id returned by a grade call.",
              schema: { type: "string" },
            },
          ],
          responses: {
            "200": ok("The submission.", ref("Submission")),
            "404": notFound(["not_found"]),
            ...keyErrors(),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          description: "The OpenAPI 3.1 document. Needs no key.",
          tags: ["Catalog"],
          security: [],
          responses: { "200": { description: "The document.", content: json({ type: "object" }) } },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "ss_live_<32 characters>",
          description: "An API key.",
        },
      },
      parameters: {
        exerciseId: {
          name: "exerciseId",
          in: "path",
          required: true,
          description: "Exercise id (= lesson id), e.g. `parse-query-pagination`.",
          schema: { type: "string" },
        },
        "Idempotency-Key": {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description:
            "Makes retries safe: the same key and body return the first response without grading again.",
          schema: { type: "string", minLength: 1, maxLength: 200, pattern: "^[\\x21-\\x7e]+$" },
        },
      },
      headers: {
        "RateLimit-Limit": {
          description: "Requests per minute this key may send.",
          schema: { type: "integer" },
        },
        "RateLimit-Remaining": { description: "Requests left right now.", schema: { type: "integer" } },
        "RateLimit-Reset": {
          description: "Seconds until the allowance is full again.",
          schema: { type: "integer" },
        },
        "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } },
        Location: { description: "The new submission's URL.", schema: { type: "string" } },
      },
    },
    "x-error-codes": (Object.keys(ERROR_STATUS) as ErrorCode[])
      .filter((code) => code !== "unauthorized")
      .map((code) => ({ code, status: ERROR_STATUS[code], description: ERROR_DESCRIPTIONS[code] })),
  };
}
