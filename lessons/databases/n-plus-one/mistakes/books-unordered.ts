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

// Two queries, but the books query has no ORDER BY: rows come back in whatever order the plan yields.
export function handler(req: Request): Response {
  const url = new URL(req.url);
  if (url.pathname !== "/authors") return json(404, { error: "not found" });
  const country = url.searchParams.get("country");
  const where = country === null ? "" : "WHERE country = :country";
  const params = country === null ? {} : { country };
  const authors = db.prepare(`SELECT id, name, country FROM authors ${where} ORDER BY name, id`).all(params) as Omit<Author, "books">[];
  const books = db
    .prepare(`SELECT id, author_id, title, year FROM books WHERE author_id IN (SELECT id FROM authors ${where})`)
    .all(params) as (Book & { author_id: number })[];
  const byAuthor = new Map<number, Book[]>(authors.map((a) => [a.id, []]));
  for (const { author_id, id, title, year } of books) byAuthor.get(author_id)?.push({ id, title, year });
  return json(200, { authors: authors.map((a) => ({ ...a, books: byAuthor.get(a.id)! })) });
}
