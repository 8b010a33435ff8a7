import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { listAuditEvents } from "@/lib/auth/audit";
import { requireTeacherPage } from "@/lib/teach/access";
import { bodyRow, cell, DataTable } from "@/components/teach/data-table";

export const metadata: Metadata = { title: "Audit log" };

const td = `${cell} align-top`;
const when = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19);
const ACTIONS: Record<string, string> = {
  "role.changed": "Role changed",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "account.deleted": "Account deleted",
};

/** Admins only: what staff did, newest first (written with each action, lib/auth/audit.ts). */
export default async function AuditPage() {
  const user = await requireTeacherPage("/teach/audit");
  if (user.role !== "admin") redirect("/teach/forbidden");
  const events = await listAuditEvents(500);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="max-w-2xl text-slate-600 dark:text-slate-400">
          Role changes, API keys created and revoked, and deleted accounts, newest first (the latest 500).
          Each entry is written in the same transaction as the change it records. Times are UTC.
        </p>
      </header>
      {events.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">Nothing recorded yet.</p>
      ) : (
        <DataTable columns={["When", "Who", "What", "To what", "Details"]}>
          {events.map((event) => (
            <tr key={event.id} className={bodyRow} data-testid="audit-row">
              <td className={`${td} whitespace-nowrap font-mono`}>{when(event.createdAt)}</td>
              <td className={td}>{event.actor}</td>
              <td className={td}>{ACTIONS[event.action] ?? event.action}</td>
              <td className={td}>{event.target}</td>
              <td className={`${td} font-mono text-xs`}>
                {Object.keys(event.details).length ? JSON.stringify(event.details) : ""}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
