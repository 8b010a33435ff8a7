/**
 * Reading submissions through the API. Who sees what: a key sees the submissions of its owner and
 * those it sent; keys of instructors and admins see every learner's. Anything else is "not found"
 * (a key never learns whether someone else's submission id exists). Results follow the disclosure
 * policy: instructor and admin keys read them in full (hidden tests' values, the seed), learner
 * keys get the learner's view (sandbox/disclosure.ts).
 */
import "server-only";
import { toLearnerView, type GradeResult } from "../../sandbox/index.ts";
import { canTeach } from "../auth/roles.ts";
import { db } from "../db.ts";
import { hasNul } from "../db/errors.ts";
import { AppError } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { AuthenticatedKey } from "./keys.ts";
import { findUser } from "./learners.ts";
import { gradeModeSchema, submissionStatusSchema, type SubmissionBody } from "./schemas.ts";

const select = {
  id: true,
  exerciseId: true,
  mode: true,
  status: true,
  apiKeyId: true,
  language: true,
  code: true,
  files: true,
  stage: true,
  durationMs: true,
  createdAt: true,
  result: true,
  user: { select: { id: true, email: true } },
} satisfies Prisma.SubmissionSelect;

type Row = Prisma.SubmissionGetPayload<{ select: typeof select }>;

function toBody(row: Row, fullView: boolean): SubmissionBody {
  const stored = JSON.parse(row.result) as GradeResult;
  return {
    id: row.id,
    exerciseId: row.exerciseId,
    // Strings in the database (no enums, for PostgreSQL and SQLite alike): parsed, not cast.
    mode: gradeModeSchema.parse(row.mode),
    status: submissionStatusSchema.parse(row.status),
    learner: row.user,
    apiKeyId: row.apiKeyId,
    language: row.language,
    code: row.code,
    files: row.files === null ? null : (JSON.parse(row.files) as Record<string, string>),
    stage: row.stage,
    durationMs: row.durationMs,
    createdAt: row.createdAt.toISOString(),
    result: fullView ? stored : toLearnerView(stored),
  };
}

/** What a key may read, as a where clause. */
/** Admins' keys read every submission; instructors' their own and learners'; learners' their own. */
function visibleTo(apiKey: AuthenticatedKey): Prisma.SubmissionWhereInput {
  if (apiKey.owner.role === "admin") return {};
  if (canTeach(apiKey.owner.role))
    return { OR: [{ userId: apiKey.owner.id }, { user: { role: "learner" } }] };
  return { OR: [{ userId: apiKey.owner.id }, { apiKeyId: apiKey.id }] };
}

/** One submission, or not_found. */
export async function getSubmissionForKey(apiKey: AuthenticatedKey, id: string): Promise<SubmissionBody> {
  // No id holds U+0000, and PostgreSQL would fail the query on one.
  const row = hasNul(id)
    ? null
    : await db.submission.findFirst({ where: { AND: [{ id }, visibleTo(apiKey)] }, select });
  if (!row) throw new AppError("not_found", `There is no submission "${id}" that this key may read.`);
  return toBody(row, canTeach(apiKey.owner.role));
}

type Cursor = { t: string; id: string };

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(
    JSON.stringify({ t: row.createdAt.toISOString(), id: row.id } satisfies Cursor),
  ).toString("base64url");
}

function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<Cursor>;
    if (
      typeof value.t === "string" &&
      typeof value.id === "string" &&
      !hasNul(value.id) &&
      !Number.isNaN(Date.parse(value.t))
    )
      return value as Cursor;
  } catch {
    // fall through
  }
  throw new AppError("validation_failed", "The cursor is not one this API returned.", {
    errors: [{ path: "cursor", message: "Invalid cursor." }],
  });
}

/** Newest first, `limit` per page, continuing after `cursor`. */
export async function listSubmissionsForKey(
  apiKey: AuthenticatedKey,
  query: { learner?: string; exercise?: string; cursor?: string; limit: number },
): Promise<{ data: SubmissionBody[]; nextCursor: string | null }> {
  const where: Prisma.SubmissionWhereInput[] = [visibleTo(apiKey)];
  if (query.learner !== undefined) {
    const user = await findUser(query.learner);
    if (!canTeach(apiKey.owner.role) && user?.id !== apiKey.owner.id) {
      throw new AppError(
        "forbidden",
        "This API key belongs to a learner: it can list only its owner's submissions.",
      );
    }
    if (!user) throw new AppError("unknown_learner", `No user has the email or id "${query.learner}".`);
    if (user.id !== apiKey.owner.id && user.role !== "learner" && apiKey.owner.role !== "admin") {
      throw new AppError(
        "forbidden",
        `An instructor's API key reads only learners' submissions; "${query.learner}" is an ${user.role}.`,
      );
    }
    where.push({ userId: user.id });
  }
  if (query.exercise !== undefined) where.push({ exerciseId: query.exercise });
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor);
    const t = new Date(cursor.t);
    where.push({ OR: [{ createdAt: { lt: t } }, { createdAt: t, id: { lt: cursor.id } }] });
  }
  const rows = await db.submission.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const fullView = canTeach(apiKey.owner.role);
  return {
    data: page.map((row) => toBody(row, fullView)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}
