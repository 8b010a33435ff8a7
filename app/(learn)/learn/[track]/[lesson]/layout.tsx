import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getLesson } from "@/lib/content";

/**
 * Checks that the lesson exists before loading.tsx starts streaming the page: a notFound() thrown
 * after streaming began would still answer 200. The lesson is cached in memory, so this costs little.
 */
export default async function LessonLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ track: string; lesson: string }>;
}) {
  const { track, lesson } = await params;
  if (!(await getLesson(track, lesson))) notFound();
  return children;
}
