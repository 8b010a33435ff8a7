import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { canTeach } from "@/lib/auth/roles";
import { ThemeToggle } from "./theme-toggle";
import { buttonClasses } from "./ui/button";

const navLink =
  "rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800";

/**
 * The top bar: product name, navigation, theme switch and the account menu. `signOut` is the Server
 * Action the sign-out button posts to (given by the layout: components never import app/).
 */
export async function SiteHeader({ signOut }: { signOut: () => Promise<void> }) {
  const user = await getCurrentUser();
  return (
    <header className="border-b border-slate-200 bg-white/80 dark:border-slate-800 dark:bg-slate-950/80">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      {/* Shown only on pages with a lesson workspace (globals.css); the workspace focuses the editor. */}
      <a
        href="#editor"
        className="skip-editor sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        Skip to the editor
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-2 px-4 py-3">
        <Link href="/" className="mr-2 font-semibold tracking-tight text-slate-900 dark:text-white">
          <span aria-hidden="true" className="mr-1 font-mono text-brand-600 dark:text-brand-300">
            &gt;_
          </span>
          Serverside
        </Link>
        <nav aria-label="Main" className="flex flex-1 items-center gap-1">
          <Link href="/learn" className={navLink}>
            Learn
          </Link>
          {user && canTeach(user.role) ? (
            <Link href="/teach" className={navLink}>
              Teach
            </Link>
          ) : null}
          <Link href="/docs/api" className={navLink}>
            API
          </Link>
        </nav>
        <ThemeToggle />
        {user ? (
          <div className="flex items-center gap-2">
            <Link
              href="/account"
              className="text-sm text-slate-700 hover:underline dark:text-slate-300"
              data-testid="signed-in-as"
              title="Account settings"
            >
              {user.name || user.email}
              {user.role !== "learner" ? (
                <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
                  {user.role}
                </span>
              ) : null}
            </Link>
            <form action={signOut}>
              <button type="submit" className={buttonClasses("ghost", "px-2 py-1")}>
                Sign out
              </button>
            </form>
          </div>
        ) : (
          <div className="flex items-center gap-1">
            <Link href="/sign-in" className={buttonClasses("ghost", "px-2 py-1")}>
              Sign in
            </Link>
            <Link href="/sign-up" className={buttonClasses("primary", "px-3 py-1")}>
              Sign up
            </Link>
          </div>
        )}
      </div>
    </header>
  );
}
