import { handler } from "./solution";

const base = "http://localhost";
const T = "https://api.example.com/problems/";

function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "Content-Type": "application/json", ...headers };
  }
  return handler(new Request(base + path, init));
}

interface Bookmark {
  id: number;
  url: string;
  title: string;
}

let n = 0;
async function create(): Promise<{ bookmark: Bookmark; etag: string }> {
  n++;
  const res = await send("POST", "/bookmarks", { url: `https://example.com/read/${n}?ref=test`, title: `Article ${n}` });
  expect(res.status).toBe(201);
  return { bookmark: await res.json(), etag: res.headers.get("etag") ?? "(none)" };
}

async function problemOf(res: Response): Promise<Record<string, unknown>> {
  expect(`${res.status} ${res.headers.get("content-type")}`).toMatch(/^\d{3} application\/problem\+json/);
  const body = await res.json();
  expect(body.status).toBe(res.status);
  return body;
}

const pointers = (p: Record<string, unknown>) => ((p.errors as { pointer: string }[]) ?? []).map((e) => e.pointer).sort();

describe("listing", () => {
  test("following Link rel=next with limit 2 visits every bookmark once, in id order; the last page has no Link", async () => {
    for (let i = 0; i < 3; i++) await create();
    const all = (await (await send("GET", "/bookmarks?limit=100")).json()).items.map((b: Bookmark) => b.id);
    const seen: number[] = [];
    let next: string | null = base + "/bookmarks?limit=2";
    for (let i = 0; i < 50 && next; i++) {
      const res: Response = await handler(new Request(next));
      seen.push(...(await res.json()).items.map((b: Bookmark) => b.id));
      const link = res.headers.get("link");
      next = link ? (/^<([^>]+)>;\s*rel="next"$/.exec(link)?.[1] ?? null) : null;
    }
    expect(seen).toEqual(all);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
  });

  test("a bad limit or a cursor the API did not make → 400 problem of type invalid-query", async () => {
    for (const q of ["limit=0", "limit=101", "limit=ten", "cursor=%25%25", `cursor=${btoa("hi")}`]) {
      const res = await send("GET", `/bookmarks?${q}`);
      expect(`${q} → ${res.status}`).toBe(`${q} → 400`);
      expect((await problemOf(res)).type).toBe(T + "invalid-query");
    }
  });
});

describe("creating", () => {
  test('only absolute http and https URLs: javascript:, data:, file:, relative, malformed ("http//x", "https://") → 422 at #/url', async () => {
    for (const url of ["javascript:alert(document.cookie)", "data:text/html,<script>x</script>", "file:///etc/passwd", "/relative", "example", "http//example.com", "https://"]) {
      const res = await send("POST", "/bookmarks", { url, title: "t" });
      expect(`${url} → ${res.status}`).toBe(`${url} → 422`);
      expect(pointers(await problemOf(res))).toEqual(["#/url"]);
    }
    expect((await send("POST", "/bookmarks", { url: "http://example.net/x", title: "plain http" })).status).toBe(201);
  });

  test("a body with id, or several bad fields, → 422 listing every one; nothing is created", async () => {
    const before = (await (await send("GET", "/bookmarks?limit=100")).json()).items.length;
    const withId = await send("POST", "/bookmarks", { id: 1, url: "https://a.example/", title: "A" });
    expect(pointers(await problemOf(withId))).toEqual(["#/id"]);
    const two = await send("POST", "/bookmarks", { url: "ftp://x", title: "   " });
    expect(pointers(await problemOf(two))).toEqual(["#/title", "#/url"]);
    const missing = await send("POST", "/bookmarks", {});
    expect(pointers(await problemOf(missing))).toEqual(["#/title", "#/url"]);
    const broken = await send("POST", "/bookmarks", "{nope");
    expect((await problemOf(broken)).type).toBe(T + "malformed-body");
    const after = (await (await send("GET", "/bookmarks?limit=100")).json()).items.length;
    expect(after).toBe(before);
  });

  test("the ETag from POST is the one GET sends, and a trimmed title is stored", async () => {
    const res = await send("POST", "/bookmarks", { url: "https://example.com/t", title: "  Spaced out  " });
    const created = await res.json();
    expect(created.title).toBe("Spaced out");
    const read = await send("GET", `/bookmarks/${created.id}`);
    expect(read.headers.get("etag")).toBe(res.headers.get("etag"));
  });
});

describe("conditional requests", () => {
  test("GET with If-None-Match (a list, or the W/ form) → 304 with the ETag and no body", async () => {
    const { bookmark, etag } = await create();
    const res = await send("GET", `/bookmarks/${bookmark.id}`, undefined, { "If-None-Match": `"zzz", W/${etag}` });
    expect(res.status).toBe(304);
    expect(res.headers.get("etag")).toBe(etag);
    expect(await res.text()).toBe("");
  });

  test("PATCH with the current ETag → 200 and a new ETag; the old ETag then → 412; W/ tag → 412; nothing changes on 412", async () => {
    const { bookmark, etag } = await create();
    const res = await send("PATCH", `/bookmarks/${bookmark.id}`, { title: "Renamed" }, { "If-Match": etag });
    expect(res.status).toBe(200);
    const fresh = res.headers.get("etag") ?? "(none)";
    expect(fresh === etag).toBe(false);
    const stale = await send("PATCH", `/bookmarks/${bookmark.id}`, { title: "Lost update" }, { "If-Match": etag });
    expect((await problemOf(stale)).type).toBe(T + "precondition-failed");
    const weak = await send("PATCH", `/bookmarks/${bookmark.id}`, { title: "Weak" }, { "If-Match": `W/${fresh}` });
    expect(weak.status).toBe(412);
    expect((await (await send("GET", `/bookmarks/${bookmark.id}`)).json()).title).toBe("Renamed");
  });

  test("PATCH with a valid title and an invalid url → 422 and neither changes; without If-Match → 428, nothing changes", async () => {
    const { bookmark, etag } = await create();
    const bad = await send("PATCH", `/bookmarks/${bookmark.id}`, { title: "New", url: "javascript:void 0" }, { "If-Match": etag });
    expect(pointers(await problemOf(bad))).toEqual(["#/url"]);
    const none = await send("PATCH", `/bookmarks/${bookmark.id}`, { title: "New" });
    expect((await problemOf(none)).type).toBe(T + "precondition-required");
    expect(await (await send("GET", `/bookmarks/${bookmark.id}`)).json()).toEqual(bookmark);
  });

  test("DELETE with a stale If-Match → 412; DELETE → 204, then GET → 404 problem of type not-found", async () => {
    const { bookmark, etag } = await create();
    await send("PATCH", `/bookmarks/${bookmark.id}`, { title: "Changed" }, { "If-Match": etag });
    const stale = await send("DELETE", `/bookmarks/${bookmark.id}`, undefined, { "If-Match": etag });
    expect(stale.status).toBe(412);
    const gone = await send("DELETE", `/bookmarks/${bookmark.id}`);
    expect(gone.status).toBe(204);
    expect(await gone.text()).toBe("");
    const after = await send("GET", `/bookmarks/${bookmark.id}`);
    expect(await problemOf(after)).toMatchObject({ type: T + "not-found", status: 404, instance: `/bookmarks/${bookmark.id}` });
  });
});

describe("errors", () => {
  test("405 and unknown paths are about:blank problems; Allow is GET, POST on the list and GET, PATCH, DELETE on an item", async () => {
    const a = await send("PUT", "/bookmarks", {});
    expect(await problemOf(a)).toEqual({ type: "about:blank", title: "Method Not Allowed", status: 405 });
    expect(a.headers.get("allow")).toBe("GET, POST");
    const b = await send("POST", "/bookmarks/1", {});
    expect(b.status).toBe(405);
    expect(b.headers.get("allow")).toBe("GET, PATCH, DELETE");
    expect(await problemOf(await send("GET", "/nowhere"))).toEqual({ type: "about:blank", title: "Not Found", status: 404 });
  });
});
