"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Development only: re-renders the page (router.refresh, client state kept) when a lesson file is
 * saved. Mount it on lesson pages; in production it renders nothing and opens no connection.
 */
export function LessonHotReload() {
  const router = useRouter();
  useEffect(() => {
    if (process.env.NODE_ENV !== "development") return;
    const events = new EventSource("/api/dev/lessons/events");
    events.addEventListener("change", () => router.refresh());
    return () => events.close();
  }, [router]);
  return null;
}
