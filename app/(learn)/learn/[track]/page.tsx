import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LessonList } from "@/components/progress/lesson-list";
import { ProgressBar } from "@/components/progress/progress-bar";
import { buttonClasses } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";
import { getTrack } from "@/lib/content";
import { nextInTrack } from "@/lib/progress/catalog";
import { getCatalog } from "@/lib/progress/progress";

type Params = { params: Promise<{ track: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const track = await getTrack((await params).track);
  return { title: track?.title ?? "Track not found" };
}

export default async function TrackPage({ params }: Params) {
  const { track: trackId } = await params;
  const track = await getTrack(trackId);
  if (!track) notFound();
  const user = await getCurrentUser();
  const entry = (await getCatalog(user?.id ?? null)).tracks.find((t) => t.track.id === track.id);
  if (!entry) notFound();
  const next = nextInTrack(entry);
  return (
    <div className="max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href="/learn" className="hover:underline">
          Lessons
        </Link>{" "}
        / <span aria-current="page">{track.title}</span>
      </nav>
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">{track.title}</h1>
        <p className="text-slate-600 dark:text-slate-400">{track.description}</p>
        {user ? (
          <ProgressBar value={entry.completed} max={entry.total} label={`${track.title} progress`} />
        ) : null}
        {next ? (
          <Link href={next.href} className={buttonClasses("primary")}>
            {entry.completed === 0 ? "Start" : "Continue"}: {next.title}
          </Link>
        ) : null}
      </header>
      <LessonList lessons={entry.lessons} nextId={user ? next?.id : null} />
    </div>
  );
}
