/**
 * GET /account/export: the signed-in user's data as a JSON download (progress, submissions with
 * their results as the learner sees them: hidden tests concealed), drafts, quiz answers, hints seen,
 * API keys without their secrets).
 */
import { refuseOtherMethods } from "@/lib/http/api-routes";
import { exportAccountData } from "@/lib/auth/account-data";
import { getCurrentUser } from "@/lib/auth/session";

export async function GET(): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to export your data." }, { status: 401 });
  const data = await exportAccountData(user.id);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="serverside-export-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
}

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods(["GET"]);
