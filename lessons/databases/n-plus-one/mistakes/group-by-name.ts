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

// Two queries, but books are grouped by the author's NAME: two authors who share a name share books.
export function handler(req: Request): Response {
  const url = new URL(req.url);
  if (url.pathname !== "/authors") return json(404, { error: "not found" });
  const country = url.searchParams.get("country");
  const where = country === null ? "" : "WHERE a.country = :country";
  const params = country === null ? {} : { country };
  const authors = db.prepare(`SELECT id, name, country FROM authors a ${where} ORDER BY name, id`).all(params) as Omit<Author, "books">[];
  const books = db
    .prepare(`SELECT b.id, b.title, b.year, a.name FROM books b JOIN authors a ON a.id = b.author_id ${where} ORDER BY b.year, b.id`)
    .all(params) as (Book & { name: string })[];
  const byName = new Map<string, Book[]>();
  for (const { name, id, title, year } of books) {
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name)!.push({ id, title, year });
  }
  return json(200, { authors: authors.map((a) => ({ ...a, books: byName.get(a.name) ?? [] })) });
}
