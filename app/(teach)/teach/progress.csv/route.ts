import { refuseOtherMethods } from "@/lib/http/api-routes";
import { problemResponse } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { checkTeacher } from "@/lib/teach/access";
import { buildProgressCsv } from "@/lib/teach/csv";
import { listLearnerLessonRows } from "@/lib/teach/progress-report";

/** GET /teach/progress.csv: every learner's progress per lesson, for instructors and admins. */
export async function GET(): Promise<Response> {
  const access = await checkTeacher();
  if (!access.ok) {
    return problemResponse(
      access.error === "unauthorized"
        ? new AppError("unauthorized", "Sign in as an instructor to export progress.")
        : new AppError("forbidden", "Only instructors and admins can export learners' progress."),
    );
  }
  const csv = buildProgressCsv(await listLearnerLessonRows());
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="serverside-progress-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

// Every other method: 405 with a true Allow header (OPTIONS: 204 with it).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods(["GET"]);
