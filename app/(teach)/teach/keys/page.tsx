import type { Metadata } from "next";
import Link from "next/link";
import { listApiKeys } from "@/lib/api/keys";
import { requireTeacherPage } from "@/lib/teach/access";
import { CreateKeyForm } from "./create-key-form";
import { RevokeKeyButton } from "./revoke-key-button";

export const metadata: Metadata = { title: "API keys" };

const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-2";
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
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="border-b border-slate-200 dark:border-slate-700">
                <tr>
                  <th scope="col" className={th}>
                    Name
                  </th>
                  <th scope="col" className={th}>
                    Key
                  </th>
                  {user.role === "admin" ? (
                    <th scope="col" className={th}>
                      Owner
                    </th>
                  ) : null}
                  <th scope="col" className={th}>
                    Created
                  </th>
                  <th scope="col" className={th}>
                    Last used
                  </th>
                  <th scope="col" className={th}>
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr
                    key={key.id}
                    className="border-b border-slate-100 dark:border-slate-800"
                    data-testid="api-key-row"
                  >
                    <th scope="row" className={`${td} text-left font-normal`}>
                      {key.name}
                    </th>
                    <td className={`${td} font-mono`}>{key.prefix}…</td>
                    {user.role === "admin" ? <td className={td}>{key.owner.email}</td> : null}
                    <td className={td}>{when(key.createdAt)}</td>
                    <td className={td}>{when(key.lastUsedAt)}</td>
                    <td className={td}>
                      {key.revokedAt ? (
                        <span>Revoked {when(key.revokedAt)}</span>
                      ) : (
                        <RevokeKeyButton id={key.id} name={key.name} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
