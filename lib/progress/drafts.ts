/**
 * The learner's drafts: the code of each file of an exercise as last saved, with a revision number
 * so that a save made from an out-of-date copy (another tab, another device, a retry that arrives
 * late) never replaces a newer one. A save names the revision it replaces (0: none yet); the write
 * is one conditional UPDATE (or an INSERT that the unique index guards), so of two saves from the
 * same revision exactly one lands and the other is told the current revision and code.
 * A reset keeps the row with `code = null` and the next revision (a tombstone), so a tab that has
 * not seen the reset is refused as well.
 */
import "server-only";
import { db } from "../db.ts";
import { hasNul, isUniqueViolation } from "../db/errors.ts";
import { AppError } from "../errors.ts";

/** Why a draft holding U+0000 is refused. */
export const NUL_IN_DRAFT =
  'This code contains a NUL character (U+0000), which cannot be saved. Write it as "\\0" inside a string instead.';

/** Largest draft we keep, in characters (the sandbox refuses larger sources anyway). */
export const MAX_DRAFT_CHARS = 100_000;

/** A file's saved draft: `code` null after a reset (the starter shows); revision 0 when never saved. */
export interface SavedDraft {
  file: string;
  code: string | null;
  revision: number;
  savedAt: Date | null;
}

export type SaveDraftResult =
  { ok: true; revision: number; savedAt: Date } | { ok: false; current: SavedDraft };

/** Every saved draft of an exercise for a learner (tombstones included), by file ("" for a one-file exercise). */
export async function listDrafts(
  userId: string,
  exerciseId: string,
): Promise<(SavedDraft & { savedAt: Date })[]> {
  return db.draft
    .findMany({
      where: { userId, exerciseId },
      select: { file: true, code: true, revision: true, updatedAt: true },
      orderBy: { file: "asc" },
    })
    .then((rows) =>
      rows.map((r) => ({ file: r.file, code: r.code, revision: r.revision, savedAt: r.updatedAt })),
    );
}

async function getDraft(userId: string, exerciseId: string, file: string): Promise<SavedDraft> {
  const row = await db.draft.findUnique({
    where: { userId_exerciseId_file: { userId, exerciseId, file } },
    select: { code: true, revision: true, updatedAt: true },
  });
  return row
    ? { file, code: row.code, revision: row.revision, savedAt: row.updatedAt }
    : { file, code: null, revision: 0, savedAt: null };
}

/**
 * Saves the learner's draft of an exercise's file ("" for a one-file exercise; the caller checks the
 * file is one of the exercise's) if `baseRevision` is still the current revision, making it
 * revision + 1. Otherwise refuses and returns the current draft, except when the current code is
 * already `code` (a retry whose answer was lost): then that revision is the answer.
 */
export async function saveDraft(
  userId: string,
  exerciseId: string,
  file: string,
  code: string,
  baseRevision: number,
): Promise<SaveDraftResult> {
  // PostgreSQL cannot store U+0000 in text (SQLite can): refused on both, as the grader refuses it.
  if (hasNul(code) || hasNul(file))
    throw new AppError("validation_failed", NUL_IN_DRAFT, {
      errors: [{ path: "code", message: NUL_IN_DRAFT }],
    });
  if (baseRevision === 0) {
    try {
      const row = await db.draft.create({
        data: { userId, exerciseId, file, code, revision: 1 },
        select: { revision: true, updatedAt: true },
      });
      return { ok: true, revision: row.revision, savedAt: row.updatedAt };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  } else {
    // One statement: the revision check and the write cannot be separated by another save.
    const [row] = await db.draft.updateManyAndReturn({
      where: { userId, exerciseId, file, revision: baseRevision },
      data: { code, revision: baseRevision + 1 },
      select: { revision: true, updatedAt: true },
    });
    if (row) return { ok: true, revision: row.revision, savedAt: row.updatedAt };
  }
  const current = await getDraft(userId, exerciseId, file);
  if (current.code === code && current.savedAt)
    return { ok: true, revision: current.revision, savedAt: current.savedAt };
  return { ok: false, current };
}

/**
 * Resets every file of the learner's draft of an exercise to its starter: the code is forgotten and
 * the revision moves on, so saves based on the code before the reset are refused. Returns the
 * drafts as they now are.
 */
export async function resetDrafts(
  userId: string,
  exerciseId: string,
): Promise<(SavedDraft & { savedAt: Date })[]> {
  await db.draft.updateMany({
    where: { userId, exerciseId },
    data: { code: null, revision: { increment: 1 } },
  });
  return listDrafts(userId, exerciseId);
}
