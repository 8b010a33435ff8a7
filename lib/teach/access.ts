/**
 * Server-side gate for every instructor page, action and export: instructors and admins only.
 * Pages redirect (sign-in for visitors, /teach/forbidden for learners); actions and route handlers
 * get a value or a 401/403.
 */
import "server-only";
import { redirect } from "next/navigation";
import { canTeach } from "../auth/roles.ts";
import { getCurrentUser, type CurrentUser } from "../auth/session.ts";

/** For pages under /teach: the instructor or admin, or a redirect. */
export async function requireTeacherPage(path: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  if (!canTeach(user.role)) redirect("/teach/forbidden");
  return user;
}

/** For actions and route handlers: the instructor or admin, or why not. */
export async function checkTeacher(): Promise<
  { ok: true; user: CurrentUser } | { ok: false; error: "unauthorized" | "forbidden" }
> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "unauthorized" };
  if (!canTeach(user.role)) return { ok: false, error: "forbidden" };
  return { ok: true, user };
}
