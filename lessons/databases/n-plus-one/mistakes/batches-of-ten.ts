import { db } from "serverside:db";

interface Book {
  id: number;
  title: string;
  year: number;
}
interface Author {
  id: number;
  name: string;
  country: string;
  books: Book[];
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

// Better than 1 + N, but still grows: one books query per batch of 10 authors (1 + N/10 queries).
export function handler(req: Request): Response {
  const url = new URL(req.url);
  if (url.pathname !== "/authors") return json(404, { error: "not found" });
  const country = url.searchParams.get("country");
  const authors = (
    country === null
      ? db.prepare("SELECT id, name, country FROM authors ORDER BY name, id").all()
      : db.prepare("SELECT id, name, country FROM authors WHERE country = ? ORDER BY name, id").all(country)
  ) as Omit<Author, "books">[];
  const byAuthor = new Map<number, Book[]>(authors.map((a) => [a.id, []]));
  for (let i = 0; i < authors.length; i += 10) {
    const ids = authors.slice(i, i + 10).map((a) => a.id);
    const rows = db
      .prepare(`SELECT id, author_id, title, year FROM books WHERE author_id IN (${ids.map(() => "?").join(", ")}) ORDER BY year, id`)
      .all(...ids) as (Book & { author_id: number })[];
    for (const { author_id, id, title, year } of rows) byAuthor.get(author_id)!.push({ id, title, year });
  }
  return json(200, { authors: authors.map((a) => ({ ...a, books: byAuthor.get(a.id)! })) });
}
