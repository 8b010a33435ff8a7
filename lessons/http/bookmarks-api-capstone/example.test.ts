import { handler } from "./solution";

const base = "http://localhost";
function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "Content-Type": "application/json", ...headers };
  }
  return handler(new Request(base + path, init));
}

describe("bookmarks API", () => {
  test("GET /bookmarks?limit=2 → 2 items, a nextCursor and a Link rel=next", async () => {
    const res = await send("GET", "/bookmarks?limit=2");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.length).toBe(2);
    expect(typeof body.nextCursor).toBe("string");
    expect(res.headers.get("link")).toMatch(/rel="next"/);
  });

  test("POST /bookmarks with a url and a title → 201 with Location and ETag", async () => {
    const res = await send("POST", "/bookmarks", { url: "https://example.org/", title: "Example" });
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toMatch(/^\/bookmarks\/\d+$/);
    expect(res.headers.get("etag")).toMatch(/^"[^"]+"$/);
  });

  test('POST /bookmarks {"url":"javascript:alert(1)","title":"x"} → 422 problem pointing at #/url', async () => {
    const res = await send("POST", "/bookmarks", { url: "javascript:alert(1)", title: "x" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(["#/url"]);
  });

  test("PATCH /bookmarks/1 without If-Match → 428 problem", async () => {
    const res = await send("PATCH", "/bookmarks/1", { title: "New" });
    expect(res.status).toBe(428);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
