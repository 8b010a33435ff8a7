import { handler } from "./solution";
import { database } from "serverside:test";

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

async function getAuthors(path = "/authors"): Promise<Author[]> {
  const res = await handler(new Request("http://localhost" + path));
  expect(res.status).toBe(200);
  return (await res.json()).authors;
}

/** What the database says the answer is, read with uncounted queries. */
function expected(country: string | null): Author[] {
  const authors = (
    country === null
      ? database.all("SELECT id, name, country FROM authors ORDER BY name, id")
      : database.all("SELECT id, name, country FROM authors WHERE country = ? ORDER BY name, id", country)
  ) as unknown as Author[];
  return authors.map((a) => ({
    ...a,
    books: database.all("SELECT id, title, year FROM books WHERE author_id = ? ORDER BY year, id", a.id) as unknown as Book[],
  }));
}

describe("the answer", () => {
  test("43 authors (seed crowded.sql): every author and book, in order", async () => {
    database.use("crowded");
    expect(await getAuthors()).toEqual(expected(null));
  });

  test("an author with no books is listed with books: []", async () => {
    database.use("crowded");
    const lonely = (await getAuthors()).find((a) => a.id === 41);
    expect(lonely).toEqual({ id: 41, name: "Author 00", country: "GB", books: [] });
  });

  test("two authors with the same name keep their own books", async () => {
    database.use("crowded");
    const sams = (await getAuthors()).filter((a) => a.name === "Sam Park");
    expect(sams.map((a) => [a.id, a.books.map((b) => b.title)])).toEqual([
      [42, ["Seoul Nights"]],
      [43, ["Busan Mornings", "Another Morning"]],
    ]);
  });

  test("?country=NG lists only that country's authors, with their books", async () => {
    expect(await getAuthors("/authors?country=NG")).toEqual(expected("NG"));
  });

  test("?country=ZZ (no such authors) → { authors: [] }", async () => {
    expect(await getAuthors("/authors?country=ZZ")).toEqual([]);
  });

  test("a book added by a request before is listed (the data is read, not remembered)", async () => {
    database.run("INSERT INTO books (author_id, title, year) VALUES (4, 'Death and the King''s Horseman', 1975)");
    const soyinka = (await getAuthors()).find((a) => a.id === 4)!;
    expect(soyinka.books.map((b) => b.title)).toEqual(["Death and the King's Horseman", "Ake: The Years of Childhood"]);
  });
});

describe("the number of queries", () => {
  test("43 authors (seed crowded.sql) → at most 2 queries", async () => {
    database.use("crowded");
    await getAuthors();
    expect(database.queries().map((q) => q.sql).slice(2)).toEqual([]);
  });

  test("the count does not grow with the number of authors (4 authors vs 43)", async () => {
    await getAuthors();
    const few = database.queryCount();
    database.use("crowded");
    database.resetQueries();
    await getAuthors();
    expect(database.queryCount()).toBe(few);
  });

  test("?country=KE (13 authors) → at most 2 queries", async () => {
    database.use("crowded");
    expect((await getAuthors("/authors?country=KE")).length).toBe(13);
    expect(database.queries().map((q) => q.sql).slice(2)).toEqual([]);
  });
});

describe("the filter", () => {
  test("?country= is sent as a bound parameter, never pasted into the SQL", async () => {
    const value = "N' OR '1'='1";
    expect(await getAuthors("/authors?country=" + encodeURIComponent(value))).toEqual([]);
    const pasted = database.queries().filter((q) => q.sql.includes("OR '1'"));
    expect(pasted.map((q) => q.sql)).toEqual([]);
  });
});

test("another path → 404", async () => {
  const res = await handler(new Request("http://localhost/books"));
  expect(res.status).toBe(404);
});
