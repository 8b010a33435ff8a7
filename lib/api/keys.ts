/**
 * API keys: `ss_live_<32 random base64url chars>`. The full key is returned once, at creation; the
 * database keeps only its sha256 (hex) and a short prefix so people can tell keys apart in lists.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent, type AuditActor } from "../auth/audit.ts";
import { canTeach } from "../auth/roles.ts";
import { db } from "../db.ts";

export const API_KEY_PREFIX = "ss_live_";
/** Characters of the key kept for display: "ss_live_" and four random ones. */
const DISPLAY_LENGTH = API_KEY_PREFIX.length + 4;

export const apiKeyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the key a name.")
  .max(80, "Use at most 80 characters.");

export type ApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  owner: { id: string; email: string };
};

/** sha256 of a key, hex: what is stored and looked up. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** A new random key (192 bits of randomness). */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(24).toString("base64url");
}

/**
 * Creates a key for a user; the returned `key` is the only time the full key exists outside a
 * client. Audited (actor null: the command line).
 */
export async function createApiKey(input: {
  userId: string;
  name: string;
  actor?: AuditActor;
}): Promise<{ id: string; key: string; prefix: string; name: string }> {
  const key = generateApiKey();
  const prefix = key.slice(0, DISPLAY_LENGTH);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { userId: input.userId, name: input.name, prefix, hash: hashApiKey(key) },
      select: { id: true, name: true, user: { select: { email: true } } },
    });
    await recordAuditEvent(tx, {
      actor: input.actor ?? null,
      action: "api_key.created",
      targetId: created.id,
      target: `${created.name} (${prefix}…, owner ${created.user.email})`,
    });
    return created;
  });
  return { id: row.id, key, prefix, name: row.name };
}

/** Keys the actor may see: admins see every key, instructors their own. Newest first. */
export async function listApiKeys(actor: { id: string; role: string }): Promise<ApiKeyListItem[]> {
  return db.apiKey
    .findMany({
      where: actor.role === "admin" ? {} : { userId: actor.id },
      orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
      select: {
        id: true,
        name: true,
        prefix: true,
        createdAt: true,
        lastUsedAt: true,
        revokedAt: true,
        user: { select: { id: true, email: true } },
      },
    })
    .then((rows) => rows.map(({ user, ...row }) => ({ ...row, owner: user })));
}

/** Revokes a key the actor owns (admins: any key). Revoking twice keeps the first time. Audited. */
export async function revokeApiKey(
  actor: { id: string; role: string; email: string },
  keyId: string,
): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  const key = await db.apiKey.findUnique({
    where: { id: keyId },
    select: { userId: true, revokedAt: true, name: true, prefix: true, user: { select: { email: true } } },
  });
  if (!key || (actor.role !== "admin" && key.userId !== actor.id) || !canTeach(actor.role))
    return { ok: false, error: "not_found" };
  if (!key.revokedAt) {
    await db.$transaction(async (tx) => {
      await tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
      await recordAuditEvent(tx, {
        actor: { id: actor.id, email: actor.email },
        action: "api_key.revoked",
        targetId: keyId,
        target: `${key.name} (${key.prefix}…, owner ${key.user.email})`,
      });
    });
  }
  return { ok: true };
}

export type AuthenticatedKey = {
  id: string;
  name: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  owner: { id: string; email: string; role: string };
};

/**
 * The key (and its owner) for a secret presented by a client, or null. Looked up by hash: the
 * database never sees or compares the secret itself.
 */
export async function findApiKey(secret: string): Promise<AuthenticatedKey | null> {
  const row = await db.apiKey.findUnique({
    where: { hash: hashApiKey(secret) },
    select: {
      id: true,
      name: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, role: true } },
    },
  });
  if (!row) return null;
  const { user, ...key } = row;
  return { ...key, owner: user };
}

/** Records use of a key, at most once a minute (a write per request would contend under load). */
export async function touchApiKey(key: AuthenticatedKey, now = new Date()): Promise<void> {
  if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < 60_000) return;
  await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
}
