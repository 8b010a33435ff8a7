import type { Metadata } from "next";
import Link from "next/link";
import { listApiKeys } from "@/lib/api/keys";
import { requireTeacherPage } from "@/lib/teach/access";
import { CreateKeyForm } from "./create-key-form";
import { RevokeKeyButton } from "./revoke-key-button";
import { bodyRow, cell, DataTable, rowHeader } from "@/components/teach/data-table";

export const metadata: Metadata = { title: "API keys" };

const when = (date: Date | null) => (date ? date.toISOString().replace("T", " ").slice(0, 16) : "never");

export default async function KeysPage() {
  const user = await requireTeacherPage("/teach/keys");
  const keys = await listApiKeys(user);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="max-w-2xl text-slate-600 dark:text-slate-400">
          Other systems grade code through the{" "}
          <Link href="/docs/api" className="text-brand-700 underline dark:text-brand-400">
            grading API
          </Link>{" "}
          with a key: <code>Authorization: Bearer ss_live_…</code>. Your keys may grade for any learner with
          an account.
          {user.role === "admin" ? " As an admin you see everyone's keys." : null}
        </p>
      </header>
      <CreateKeyForm />
      <section aria-labelledby="keys-heading" className="space-y-3">
        <h2 id="keys-heading" className="text-xl font-semibold">
          Keys
        </h2>
        {keys.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">No keys yet.</p>
        ) : (
          <DataTable
            columns={[
              "Name",
              "Key",
              ...(user.role === "admin" ? ["Owner"] : []),
              "Created",
              "Last used",
              "Status",
            ]}
          >
            {keys.map((key) => (
              <tr key={key.id} className={bodyRow} data-testid="api-key-row">
                <th scope="row" className={rowHeader}>
                  {key.name}
                </th>
                <td className={`${cell} font-mono`}>{key.prefix}…</td>
                {user.role === "admin" ? <td className={cell}>{key.owner.email}</td> : null}
                <td className={cell}>{when(key.createdAt)}</td>
                <td className={cell}>{when(key.lastUsedAt)}</td>
                <td className={cell}>
                  {key.revokedAt ? (
                    <span>Revoked {when(key.revokedAt)}</span>
                  ) : (
                    <RevokeKeyButton id={key.id} name={key.name} />
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
