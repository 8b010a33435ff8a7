/**
 * The audit log of staff actions: role changes, API keys created and revoked, accounts deleted.
 * Each event is written in the same transaction as the action it records, so neither exists
 * without the other. Admins read it at /teach/audit.
 */
import "server-only";
import { db } from "../db.ts";

export type AuditAction = "role.changed" | "api_key.created" | "api_key.revoked" | "account.deleted";

/** Who acted: a signed-in user, or the command line (null). */
export type AuditActor = { id: string; email: string } | null;

type Tx = Pick<typeof db, "auditEvent">;

/** Records one event (pass the transaction the action runs in). */
export async function recordAuditEvent(
  tx: Tx,
  event: {
    actor: AuditActor;
    action: AuditAction;
    targetId: string;
    target: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actor?.id ?? null,
      actorEmail: event.actor?.email ?? null,
      action: event.action,
      targetId: event.targetId,
      target: event.target,
      details: JSON.stringify(event.details ?? {}),
    },
  });
}

export type AuditEventView = {
  id: string;
  createdAt: Date;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
};

/** The newest events first, at most `limit`. */
export async function listAuditEvents(limit = 200): Promise<AuditEventView[]> {
  const rows = await db.auditEvent.findMany({ orderBy: { createdAt: "desc" }, take: limit });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    actor: row.actorEmail ?? "command line",
    action: row.action,
    target: row.target,
    details: parseDetails(row.details),
  }));
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
