/**
 * Tracks and exercises for the API, built only from lib/content's public types.
 */
import "server-only";
import { getPublicLesson, getTrack, listTracks, type TrackSummary } from "../content/index.ts";
import { AppError } from "../errors.ts";
import type { z } from "zod";
import type { exerciseDetailSchema } from "./schemas.ts";

export { listTracks };

/** One track, or not_found. */
export async function getTrackOrThrow(trackId: string): Promise<TrackSummary> {
  const track = await getTrack(trackId);
  if (!track) throw new AppError("not_found", `There is no track "${trackId}".`);
  return track;
}

/** The public part of an exercise and its lesson prose, or unknown_exercise. */
export async function getExerciseDetail(exerciseId: string): Promise<z.infer<typeof exerciseDetailSchema>> {
  const lesson = await getPublicLesson(exerciseId).catch(() => null);
  if (!lesson?.exercise)
    throw new AppError(
      "unknown_exercise",
      `There is no exercise "${exerciseId}". GET /api/v1/tracks lists them.`,
    );
  return {
    id: lesson.id,
    trackId: lesson.trackId,
    lessonTitle: lesson.title,
    lessonHtml: lesson.html,
    exercise: lesson.exercise,
  };
}
