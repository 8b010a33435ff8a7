import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { NONCE_HEADER } from "@/lib/http/security-headers";
import { SiteHeader } from "@/components/site-header";
import { ThemeScript } from "@/components/theme-script";
import { signOutAction } from "./(auth)/actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Serverside: learn backend development by doing it", template: "%s · Serverside" },
  description:
    "Lessons on HTTP, databases, security and testing, with exercises that run for real on the server.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The per-request CSP nonce (scripts/server.ts). Reading it renders every page per request, which a
  // nonce requires anyway: a page rendered at build time would carry no valid nonce.
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <SiteHeader signOut={signOutAction} />
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
