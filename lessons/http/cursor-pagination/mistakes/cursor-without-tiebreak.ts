// Mistake: the cursor keeps only createdAt, so an event sharing the last item's timestamp is skipped.
import { events, type Event } from "./events";

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

interface Cursor {
  createdAt: string;
  id: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** Newest first; the id breaks ties, so the order is total and the same on every request. */
function compare(a: Cursor, b: Cursor): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.id - a.id;
}

function encodeCursor(e: Event): string {
  return btoa(JSON.stringify({ createdAt: e.createdAt, id: e.id })).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeCursor(raw: string): Cursor | null {
  try {
    const text = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    const value = JSON.parse(text) as Partial<Cursor>;
    if (typeof value.createdAt !== "string" || !Number.isInteger(value.id)) return null;
    return { createdAt: value.createdAt, id: value.id as number };
  } catch {
    return null;
  }
}

export function handler(req: Request): Response {
  const url = new URL(req.url);
  if (url.pathname !== "/events") return json(404, { error: "Not found" });
  if (req.method !== "GET") return json(405, { error: "Method not allowed" }, { Allow: "GET" });

  const rawLimit = url.searchParams.get("limit");
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      return json(400, { error: `limit must be a whole number from 1 to ${MAX_LIMIT}` });
    }
    limit = Number(rawLimit);
  }

  const rawCursor = url.searchParams.get("cursor");
  let after: Cursor | null = null;
  if (rawCursor !== null) {
    after = decodeCursor(rawCursor);
    if (!after) return json(400, { error: "cursor is not one this API gave out" });
  }

  // Keyset: everything strictly after the last item the client saw, in the same total order.
  const sorted = [...events].sort(compare);
  const rest = after ? sorted.filter((e) => e.createdAt < after.createdAt) : sorted;
  const items = rest.slice(0, limit);
  const hasMore = rest.length > limit;
  const nextCursor = hasMore ? encodeCursor(items[items.length - 1]) : null;

  const headers: Record<string, string> = {};
  if (nextCursor) {
    const next = new URL(url.origin + url.pathname);
    next.searchParams.set("limit", String(limit));
    next.searchParams.set("cursor", nextCursor);
    headers.Link = `<${next.href}>; rel="next"`;
  }
  return json(200, { items, nextCursor }, headers);
}
