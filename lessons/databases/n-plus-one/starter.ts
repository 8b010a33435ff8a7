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

// Correct answers, but 1 query for the authors plus 1 more for EACH author: 1 + N queries.
export function handler(req: Request): Response {
  const url = new URL(req.url);
  if (url.pathname !== "/authors") return json(404, { error: "not found" });
  const country = url.searchParams.get("country");

  const authors = (
    country === null
      ? db.prepare("SELECT id, name, country FROM authors ORDER BY name, id").all()
      : db.prepare("SELECT id, name, country FROM authors WHERE country = ? ORDER BY name, id").all(country)
  ) as Omit<Author, "books">[];

  const result: Author[] = [];
  for (const author of authors) {
    const books = db.prepare("SELECT id, title, year FROM books WHERE author_id = ? ORDER BY year, id").all(author.id) as Book[];
    result.push({ ...author, books });
  }
  return json(200, { authors: result });
}
