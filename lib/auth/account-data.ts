/**
 * A learner's own data: exported as JSON before they delete their account, and deleted with it.
 */
import "server-only";
import { db } from "../db.ts";
import { toLearnerView } from "../../sandbox/disclosure.ts";
import type { GradeResult } from "../../sandbox/types.ts";
import { recordAuditEvent } from "./audit.ts";
import { revokeAllSessions } from "./sessions.ts";

/**
 * Everything we keep about a user, as one JSON-ready object (no password hash, no session tokens).
 * Results are the learner's view (sandbox/disclosure.ts), as everywhere else a learner sees them.
 */
export async function exportAccountData(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      email: true,
      name: true,
      role: true,
      createdAt: true,
      progress: {
        select: {
          lessonId: true,
          attempts: true,
          failedAttempts: true,
          passed: true,
          firstPassedAt: true,
          hintsUsed: true,
          quizCorrect: true,
          lastOpenedAt: true,
        },
        orderBy: { lessonId: "asc" },
      },
      submissions: {
        select: {
          id: true,
          exerciseId: true,
          mode: true,
          language: true,
          code: true,
          status: true,
          result: true,
          durationMs: true,
          createdAt: true,
        },
        orderBy: { createdAt: "asc" },
      },
      drafts: {
        where: { code: { not: null } },
        select: { exerciseId: true, file: true, code: true, updatedAt: true },
        orderBy: [{ exerciseId: "asc" }, { file: "asc" }],
      },
      quizAnswers: {
        select: { lessonId: true, questionId: true, choices: true, correct: true, updatedAt: true },
      },
      hintViews: { select: { exerciseId: true, hintIndex: true, createdAt: true } },
      apiKeys: { select: { name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
    },
  });
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  // Why: stored results are the grader's full ones, with hidden tests' inputs, expected values and
  // output; the download reaches the learner, so it gets what the lesson page shows, and a stored
  // result that is not a grade result (nothing to filter it by) is left out.
  const learnerResult = (text: string): GradeResult | null => {
    const value = parse(text);
    return value !== null && typeof value === "object" && Array.isArray((value as GradeResult).tests)
      ? toLearnerView(value as GradeResult)
      : null;
  };
  return {
    exportedAt: new Date().toISOString(),
    account: { email: user.email, name: user.name, role: user.role, createdAt: user.createdAt },
    progress: user.progress,
    submissions: user.submissions.map((s) => ({ ...s, result: learnerResult(s.result) })),
    drafts: user.drafts,
    quizAnswers: user.quizAnswers.map((a) => ({ ...a, choices: parse(a.choices) })),
    hintViews: user.hintViews,
    apiKeys: user.apiKeys,
  };
}

/**
 * Deletes an account and everything that belongs to it (the database cascades: progress,
 * submissions, drafts, sessions, keys ...), recording it in the audit log in the same transaction.
 */
export async function deleteAccount(
  user: { id: string; email: string },
  actor: { id: string; email: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await recordAuditEvent(tx, { actor, action: "account.deleted", targetId: user.id, target: user.email });
    await tx.user.delete({ where: { id: user.id } });
  });
}

/** What the account settings page shows: whether the account has a password, and its live sessions. */
export async function getAccountSummary(
  userId: string,
): Promise<{ hasPassword: boolean; activeSessions: number }> {
  const [row, activeSessions] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } }),
    db.session.count({ where: { userId, expires: { gt: new Date() } } }),
  ]);
  return { hasPassword: row.passwordHash !== null, activeSessions };
}

/** Sets the display name (null: none, the email is shown instead). */
export async function updateDisplayName(userId: string, name: string | null): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { name } });
}

/** Stores a new password hash and ends every session of the account in the same transaction. */
export async function replacePassword(userId: string, passwordHash: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    // Why: a password change must sign out whoever knew the old one.
    await revokeAllSessions(userId, tx);
  });
}
