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

// One query, but an INNER JOIN keeps only authors that have at least one book.
export function handler(req: Request): Response {
  const url = new URL(req.url);
  if (url.pathname !== "/authors") return json(404, { error: "not found" });
  const country = url.searchParams.get("country");
  const rows = db
    .prepare(
      `SELECT a.id, a.name, a.country, b.id AS book_id, b.title, b.year
       FROM authors a JOIN books b ON b.author_id = a.id
       ${country === null ? "" : "WHERE a.country = :country"}
       ORDER BY a.name, a.id, b.year, b.id`,
    )
    .all(country === null ? {} : { country }) as { id: number; name: string; country: string; book_id: number; title: string; year: number }[];
  const authors: Author[] = [];
  for (const r of rows) {
    let last = authors[authors.length - 1];
    if (!last || last.id !== r.id) {
      last = { id: r.id, name: r.name, country: r.country, books: [] };
      authors.push(last);
    }
    last.books.push({ id: r.book_id, title: r.title, year: r.year });
  }
  return json(200, { authors });
}
