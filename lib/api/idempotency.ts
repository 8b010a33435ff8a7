/**
 * Idempotency-Key support for POSTs: the first request with a key runs and its response is stored;
 * a retry with the same key and the same request gets the stored response (never a second grade or
 * submission); the same key with a different request is refused (422); a retry while the first is
 * still running is refused with 409 and Retry-After.
 *
 * Grading routes store their success response inside the transaction that records the submission
 * (gradeSubmission's onRecorded), so a crash can never leave a recorded submission whose key would
 * grade again.
 *
 * A pending record is held under a short lease that its request renews while it works (keepLease),
 * however long the grade takes. When the server dies mid-request the renewals stop, and a retry
 * takes the record over LEASE_MS later (seconds, not minutes). Taking over changes the record's
 * lease token, and a response is stored only under the token that claimed it (in the recording
 * transaction), so even a request that was merely slow, not dead, cannot record a duplicate.
 *
 * A grade's response is most of its result (several KB), which the submission row already holds in
 * full. So a grade's record stores the response without "result" plus the submission's id, and a
 * replay puts the learner's view of the stored result back in (the same function, the same JSON).
 * Records written before that (response in full, no submission id) still replay as stored.
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { toLearnerView, type GradeResult } from "../../sandbox/index.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";

/** A pending record not renewed for this long is taken over by a retry. */
export const LEASE_MS = 10_000;
/** How often a working request renews its lease (several renewals fit in one lease). */
export const LEASE_RENEW_MS = 2_000;
/** How long responses are remembered. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** Visible ASCII only, so the internal sub-keys (which contain a space) can never collide with a client's. */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export type IdempotencyHandle = {
  recordId: string;
  apiKeyId: string;
  key: string;
  requestHash: string;
  /** This request's claim on the record (see the module comment). */
  leaseToken: string;
  finished: boolean;
};

/** A grade's response body: "result" is the learner's view of the submission's stored result, and comes last. */
export type GradeBody = { submissionId: string; result: unknown; [field: string]: unknown };

/** A replay carries its submission's id when the record refers to one (a grade), for the Location header. */
export type IdempotencyStart =
  | { kind: "started"; handle: IdempotencyHandle }
  | { kind: "replay"; status: number; body: string; submissionId: string | null };

/** The Idempotency-Key header's value, null when absent, or invalid_idempotency_key. */
export function readIdempotencyKey(headers: Headers): string | null {
  const value = headers.get("idempotency-key");
  if (value === null) return null;
  if (!KEY_PATTERN.test(value)) {
    throw new AppError(
      "invalid_idempotency_key",
      "Idempotency-Key must be 1 to 200 visible ASCII characters (a UUID is a good choice).",
    );
  }
  return value;
}

/** sha256 of method, path and raw body: what "the same request" means. */
export function hashRequest(method: string, pathname: string, body: Uint8Array): string {
  return createHash("sha256").update(`${method} ${pathname}\n`).update(body).digest("hex");
}

/** What a record stores for a response: a grade without its result (see the module comment). */
function storedResponse(body: string | GradeBody): { response: string; submissionId: string | null } {
  if (typeof body === "string") return { response: body, submissionId: null };
  const { result: _result, ...rest } = body;
  return { response: JSON.stringify(rest), submissionId: body.submissionId };
}

/**
 * A stored response as it was sent: a grade's result is rebuilt from its submission (last key, as
 * gradeForApi builds it), null when that submission is gone (its learner's account was deleted).
 */
async function replayedResponse(record: {
  response: string;
  submissionId: string | null;
}): Promise<string | null> {
  if (record.submissionId === null) return record.response;
  const submission = await db.submission.findUnique({
    where: { id: record.submissionId },
    select: { result: true },
  });
  if (!submission) return null;
  const rest = JSON.parse(record.response) as Record<string, unknown>;
  return JSON.stringify({ ...rest, result: toLearnerView(JSON.parse(submission.result) as GradeResult) });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Claims a key for this request, or returns the stored response, or throws a conflict. */
export async function startIdempotent(
  apiKeyId: string,
  key: string,
  requestHash: string,
  attempt = 0,
): Promise<IdempotencyStart> {
  if (Math.random() < 0.02) {
    // Forget old responses now and then (cheap: the (apiKeyId, key) index narrows it to one key).
    await db.idempotencyRecord.deleteMany({
      where: { apiKeyId, createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_HOURS * 3_600_000) } },
    });
  }
  const leaseToken = randomUUID();
  try {
    const record = await db.idempotencyRecord.create({
      data: {
        apiKeyId,
        key,
        requestHash,
        state: "pending",
        leaseToken,
        leaseExpiresAt: new Date(Date.now() + LEASE_MS),
      },
      select: { id: true },
    });
    return {
      kind: "started",
      handle: { recordId: record.id, apiKeyId, key, requestHash, leaseToken, finished: false },
    };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await db.idempotencyRecord.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
  if (!existing) {
    // Deleted between our insert and read (abandoned by a failed first request): try once more.
    if (attempt < 2) return startIdempotent(apiKeyId, key, requestHash, attempt + 1);
    throw new AppError("idempotency_in_progress", "A request with this Idempotency-Key is being processed.", {
      retryAfterSeconds: 1,
    });
  }
  if (existing.requestHash !== requestHash) {
    throw new AppError(
      "idempotency_key_reused",
      "This Idempotency-Key was already used for a different request (method, path or body). Use a new key for a new request.",
    );
  }
  if (existing.state === "done" && existing.statusCode !== null && existing.response !== null) {
    const body = await replayedResponse({ response: existing.response, submissionId: existing.submissionId });
    if (body !== null)
      return { kind: "replay", status: existing.statusCode, body, submissionId: existing.submissionId };
    // Its submission was deleted with the learner's account: forget the record and start afresh.
    await db.idempotencyRecord.deleteMany({ where: { id: existing.id, state: "done" } });
    if (attempt < 2) return startIdempotent(apiKeyId, key, requestHash, attempt + 1);
    throw new AppError("idempotency_in_progress", "A request with this Idempotency-Key is being processed.", {
      retryAfterSeconds: 1,
    });
  }
  // Records from before leases existed expire LEASE_MS after they were created.
  const expires = existing.leaseExpiresAt ?? new Date(existing.createdAt.getTime() + LEASE_MS);
  const now = Date.now();
  if (now > expires.getTime()) {
    const taken = await db.idempotencyRecord.updateMany({
      where: { id: existing.id, state: "pending", leaseToken: existing.leaseToken },
      data: { leaseToken, leaseExpiresAt: new Date(now + LEASE_MS) },
    });
    if (taken.count === 1)
      return {
        kind: "started",
        handle: { recordId: existing.id, apiKeyId, key, requestHash, leaseToken, finished: false },
      };
  }
  const wait = Math.max(1, Math.ceil((expires.getTime() - now) / 1000));
  throw new AppError(
    "idempotency_in_progress",
    `A request with this Idempotency-Key is still being processed; retry in ${wait} s.`,
    { retryAfterSeconds: wait },
  );
}

/**
 * Renews the handle's lease every LEASE_RENEW_MS until the returned function is called. A lost lease
 * (taken over after a stall) is noticed when the response is stored, which then fails.
 */
export function keepLease(handle: IdempotencyHandle): () => void {
  const timer = setInterval(() => {
    if (handle.finished) return;
    db.idempotencyRecord
      .updateMany({
        where: { id: handle.recordId, state: "pending", leaseToken: handle.leaseToken },
        data: { leaseExpiresAt: new Date(Date.now() + LEASE_MS) },
      })
      .catch((error: unknown) => console.error("[api] could not renew an idempotency lease", error));
  }, LEASE_RENEW_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function leaseLost(): AppError {
  return new AppError(
    "idempotency_in_progress",
    "This request's Idempotency-Key was taken over by a retry of it; the retry's response counts.",
    {
      retryAfterSeconds: 1,
    },
  );
}

/**
 * Stores the response for the key (inside a transaction when given one): a string as it is, a grade
 * by reference to its submission. Throws when the record was taken over, which rolls back that
 * transaction: the request that took it over records instead.
 */
export async function finishIdempotent(
  handle: IdempotencyHandle,
  status: number,
  body: string | GradeBody,
  tx: Prisma.TransactionClient = db,
): Promise<void> {
  const stored = await tx.idempotencyRecord.updateMany({
    where: { id: handle.recordId, state: "pending", leaseToken: handle.leaseToken },
    data: { state: "done", statusCode: status, ...storedResponse(body), leaseExpiresAt: null },
  });
  if (stored.count !== 1) throw leaseLost();
  handle.finished = true;
}

/** Frees the key after a failure that recorded nothing (a server error), so a retry can run. */
export async function abandonIdempotent(handle: IdempotencyHandle): Promise<void> {
  await db.idempotencyRecord.deleteMany({
    where: { id: handle.recordId, state: "pending", leaseToken: handle.leaseToken },
  });
}

/** Sub-key for item `index` of a batch (contains a space: no client key can look like it). */
export function itemKey(handle: IdempotencyHandle, index: number): string {
  return `${handle.key} #${index}`;
}

/** A batch item's stored result, when a previous (interrupted) run of the same batch recorded it. */
export async function findItemResult(handle: IdempotencyHandle, index: number): Promise<string | null> {
  const record = await db.idempotencyRecord.findUnique({
    where: { apiKeyId_key: { apiKeyId: handle.apiKeyId, key: itemKey(handle, index) } },
  });
  if (record?.state !== "done" || record.requestHash !== handle.requestHash || record.response === null)
    return null;
  // null when the item's submission is gone: the item is graded again (the upsert replaces the record).
  return replayedResponse({ response: record.response, submissionId: record.submissionId });
}

/**
 * Stores a batch item's result inside the transaction that recorded its submission; throws (rolling
 * it back) when the batch's record was taken over by a retry, which grades the item instead.
 */
export async function storeItemResult(
  tx: Prisma.TransactionClient,
  handle: IdempotencyHandle,
  index: number,
  body: string | GradeBody,
): Promise<void> {
  const held = await tx.idempotencyRecord.count({
    where: { id: handle.recordId, state: "pending", leaseToken: handle.leaseToken },
  });
  if (held !== 1) throw leaseLost();
  const key = itemKey(handle, index);
  const stored = storedResponse(body);
  await tx.idempotencyRecord.upsert({
    where: { apiKeyId_key: { apiKeyId: handle.apiKeyId, key } },
    create: {
      apiKeyId: handle.apiKeyId,
      key,
      requestHash: handle.requestHash,
      state: "done",
      statusCode: 201,
      ...stored,
    },
    update: { requestHash: handle.requestHash, state: "done", statusCode: 201, ...stored },
  });
}
