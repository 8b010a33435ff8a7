import { handler } from "./solution";

const url = "http://localhost/articles/1";

describe("conditional requests", () => {
  test("GET /articles/1 → 200 with a quoted ETag", async () => {
    const res = await handler(new Request(url));
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^"[^"]+"$/);
  });

  test("GET again with If-None-Match: <that ETag> → 304 Not Modified, empty body, same ETag", async () => {
    const etag = (await handler(new Request(url))).headers.get("etag") ?? "";
    const res = await handler(new Request(url, { headers: { "If-None-Match": etag } }));
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(etag);
  });

  test("PUT without If-Match → 428 Precondition Required", async () => {
    const res = await handler(new Request(url, { method: "PUT", body: JSON.stringify({ title: "New", body: "x" }) }));
    expect(res.status).toBe(428);
  });

  test('PUT with If-Match: "not-the-etag" → 412 Precondition Failed', async () => {
    const res = await handler(
      new Request(url, { method: "PUT", headers: { "If-Match": '"not-the-etag"' }, body: JSON.stringify({ title: "New", body: "x" }) }),
    );
    expect(res.status).toBe(412);
  });
});
