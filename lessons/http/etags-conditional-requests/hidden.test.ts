import { handler } from "./solution";

const at = (id: number) => `http://localhost/articles/${id}`;

function get(id: number, headers: Record<string, string> = {}, method = "GET"): Promise<Response> {
  return handler(new Request(at(id), { method, headers }));
}

function put(id: number, ifMatch: string | null, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (ifMatch !== null) headers["If-Match"] = ifMatch;
  return handler(new Request(at(id), { method: "PUT", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));
}

async function etag(id: number): Promise<string> {
  return (await get(id)).headers.get("etag") ?? "(none)";
}

describe("ETag", () => {
  test("the ETag stays the same while the article does not change, and differs between articles", async () => {
    const a = await etag(1);
    expect(await etag(1)).toBe(a);
    expect((await etag(2)) === a).toBe(false);
  });

  test("HEAD → 200 with the ETag and no body; HEAD with a matching If-None-Match → 304", async () => {
    const tag = await etag(2);
    const head = await get(2, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(tag);
    expect(await head.text()).toBe("");
    expect((await get(2, { "If-None-Match": tag }, "HEAD")).status).toBe(304);
  });
});

describe("If-None-Match (GET)", () => {
  test("a list of tags that includes the current one → 304", async () => {
    const tag = await etag(1);
    const res = await get(1, { "If-None-Match": `"old-1", ${tag} , "old-2"` });
    expect(res.status).toBe(304);
  });

  test("the weak form W/<current tag> also matches (If-None-Match compares weakly) → 304", async () => {
    const tag = await etag(1);
    expect((await get(1, { "If-None-Match": `W/${tag}` })).status).toBe(304);
  });

  test("If-None-Match: * → 304 for an article that exists; 404 for one that does not", async () => {
    expect((await get(2, { "If-None-Match": "*" })).status).toBe(304);
    expect((await get(99, { "If-None-Match": "*" })).status).toBe(404);
  });

  test("a tag that does not match → 200 with the full body (not 412, not 304)", async () => {
    const res = await get(2, { "If-None-Match": '"something-else"' });
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(2);
  });
});

describe("If-Match (PUT)", () => {
  test("PUT with the current ETag → 200 with the new article and a new ETag; the old ETag no longer gives 304", async () => {
    const old = await etag(2);
    const res = await put(2, old, { title: "ETags, revised", body: "Now with weak validators." });
    expect(res.status).toBe(200);
    const fresh = res.headers.get("etag");
    expect(typeof fresh).toBe("string");
    expect(fresh === old).toBe(false);
    expect(await etag(2)).toBe(fresh);
    const again = await get(2, { "If-None-Match": old });
    expect(again.status).toBe(200);
    expect((await again.json()).title).toBe("ETags, revised");
  });

  test("the lost update: two clients read the same ETag; the second PUT → 412 and the first edit survives", async () => {
    const seen = await etag(1);
    expect((await put(1, seen, { title: "Alice's title", body: "a" })).status).toBe(200);
    const bob = await put(1, seen, { title: "Bob's title", body: "b" });
    expect(bob.status).toBe(412);
    expect((await (await get(1)).json()).title).toBe("Alice's title");
  });

  test("If-Match with the weak form W/<current tag> → 412 (If-Match compares strongly)", async () => {
    const tag = await etag(1);
    expect((await put(1, `W/${tag}`, { title: "Weak", body: "w" })).status).toBe(412);
  });

  test("If-Match: * or a list that includes the current tag → 200", async () => {
    expect((await put(2, "*", { title: "Star", body: "s" })).status).toBe(200);
    const tag = await etag(2);
    expect((await put(2, `"nope", ${tag}`, { title: "Listed", body: "l" })).status).toBe(200);
  });

  test("a rejected PUT (412, 428, or a bad body with a good If-Match → 400) changes nothing", async () => {
    const before = await (await get(1)).text();
    const tag = await etag(1);
    await put(1, '"stale"', { title: "No", body: "no" });
    await put(1, null, { title: "No", body: "no" });
    expect((await put(1, tag, { title: "", body: "x" })).status).toBe(400);
    expect((await put(1, tag, "{broken")).status).toBe(400);
    expect(await (await get(1)).text()).toBe(before);
  });

  test("PUT on an article that does not exist → 404", async () => {
    expect((await put(42, "*", { title: "Ghost", body: "g" })).status).toBe(404);
  });
});
