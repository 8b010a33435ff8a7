import { handler } from "./solution";
import { database } from "serverside:test";

async function getAuthors(path = "/authors") {
  const res = await handler(new Request("http://localhost" + path));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return (await res.json()).authors;
}

test("GET /authors → every author with their books, oldest book first", async () => {
  const authors = await getAuthors();
  expect(authors.map((a: { name: string }) => a.name)).toEqual(["Chinua Achebe", "Nnedi Okorafor", "Ursula K. Le Guin", "Wole Soyinka"]);
  expect(authors[2]).toEqual({
    id: 1,
    name: "Ursula K. Le Guin",
    country: "US",
    books: [
      { id: 5, title: "A Wizard of Earthsea", year: 1968 },
      { id: 1, title: "The Lathe of Heaven", year: 1971 },
      { id: 3, title: "The Dispossessed", year: 1974 },
    ],
  });
});

test("GET /authors makes at most 2 queries (seed library.sql: 4 authors)", async () => {
  await getAuthors();
  // Received lists the queries beyond the second one, if any.
  expect(database.queries().map((q) => q.sql).slice(2)).toEqual([]);
});
