import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountSettings } from "@/components/account/account-settings";
import { getCurrentUser } from "@/lib/auth/session";
import { getAccountSummary } from "@/lib/auth/account-data";
import {
  changePasswordAction,
  deleteAccountAction,
  signOutEverywhereAction,
  updateNameAction,
} from "./actions";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?next=%2Faccount");
  const { hasPassword, activeSessions } = await getAccountSummary(user.id);
  return (
    <div className="mx-auto max-w-xl space-y-10 py-8">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Account settings</h1>
        <p className="text-slate-600 dark:text-slate-400">Signed in as {user.email}.</p>
      </header>
      <AccountSettings
        name={user.name ?? ""}
        email={user.email}
        hasPassword={hasPassword}
        sessions={activeSessions}
        updateName={updateNameAction}
        changePassword={changePasswordAction}
        signOutEverywhere={signOutEverywhereAction}
        deleteAccount={deleteAccountAction}
      />
    </div>
  );
}
