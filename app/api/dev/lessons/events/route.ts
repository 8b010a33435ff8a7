import { watchLessons } from "@/lib/content";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Development only: a Server-Sent Events stream with one `change` event each time a file under
 * lessons/ changes (LessonHotReload listens and refreshes the page). 404 in production.
 */
export function GET(request: Request) {
  if (process.env.NODE_ENV === "production") {
    return Response.json({ error: "Not found" }, { status: 404 });
  }
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = watchLessons((file) => send(`event: change\ndata: ${JSON.stringify({ file })}\n\n`));
      // A comment line every 15 s keeps proxies from closing an idle connection.
      const ping = setInterval(() => send(": ping\n\n"), 15_000);
      cleanup = () => {
        clearInterval(ping);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send("retry: 1000\n: watching lessons/\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
    },
  });
}
