import { ALPHABET, generateCode } from "./codes";
import { createHandler } from "./routes";
import { createStore, type Link, type LinkStore } from "./store";

const BASE = "http://sho.rt";
type Handle = (req: Request) => Promise<Response>;

function post(handle: Handle, body: string, base = BASE): Promise<Response> {
  return handle(new Request(`${base}/links`, { method: "POST", headers: { "Content-Type": "application/json" }, body }));
}

describe("stage 1: shorten", () => {
  test("only absolute http and https URLs are shortened (javascript:, data:, ftp: → 422)", async () => {
    const handle = createHandler();
    const statuses: number[] = [];
    for (const url of ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "ftp://files.example.com/x", "mailto:a@example.com"]) {
      statuses.push((await post(handle, JSON.stringify({ url }))).status);
    }
    expect(statuses).toEqual([422, 422, 422, 422]);
  });

  test("a missing, relative, non-string or over-long url → 422", async () => {
    const handle = createHandler();
    const statuses: number[] = [];
    for (const body of [{}, { url: "/docs" }, { url: "example.com" }, { url: 42 }, { url: null }, { url: `https://example.com/${"a".repeat(2048)}` }]) {
      statuses.push((await post(handle, JSON.stringify(body))).status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 422]);
  });

  test("a URL is checked by parsing it, not by its first letters (https://, httpx://, spaces → 422)", async () => {
    const handle = createHandler();
    const statuses: number[] = [];
    for (const url of ["https://", "http://", "httpx://example.com/", "https://exa mple.com/", "http//example.com"]) {
      statuses.push((await post(handle, JSON.stringify({ url }))).status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422]);
  });

  test("a body that is not a JSON object → 400", async () => {
    const handle = createHandler();
    const statuses: number[] = [];
    for (const body of ["{url: https://example.com}", "", "null", "[]", '"https://example.com"']) statuses.push((await post(handle, body)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
  });

  test("every link gets its own code, kept in the store", async () => {
    const store = createStore();
    const handle = createHandler({ store });
    const codes = new Set<string>();
    const missing: string[] = [];
    for (let i = 0; i < 60; i++) {
      const url = `https://example.com/page/${i}`;
      const body = await (await post(handle, JSON.stringify({ url }))).json();
      codes.add(body.code);
      if (store.get(body.code)?.url !== url) missing.push(body.code);
    }
    expect(codes.size).toBe(60);
    expect(missing).toEqual([]);
  });

  test("when a generated code is taken, another one is tried", async () => {
    const inner = createStore();
    const refused: string[] = [];
    // A store that says "taken" three times, as if those codes were in use.
    const store: LinkStore = {
      ...inner,
      add: (link: Link) => {
        if (refused.length < 3) {
          refused.push(link.code);
          return false;
        }
        return inner.add(link);
      },
      get: (code: string) => inner.get(code),
    };
    const res = await post(createHandler({ store }), JSON.stringify({ url: "https://example.com/" }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(refused).toHaveLength(3);
    expect(inner.get(body.code)?.url).toBe("https://example.com/");
  });

  test("codes use the whole alphabet (every one of the 62 characters turns up)", () => {
    const seen = new Set<string>();
    // 300 codes are 2100 characters: a fair generator misses one of 62 with odds below 1e-12.
    for (let i = 0; i < 300; i++) for (const c of generateCode()) seen.add(c);
    const unused = [...ALPHABET].filter((c) => !seen.has(c));
    expect(unused).toEqual([]);
  });

  test("other methods on /links → 405 with Allow: POST; other paths → 404", async () => {
    const handle = createHandler();
    const get = await handle(new Request(`${BASE}/links`));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await handle(new Request(`${BASE}/nothing/here`))).status).toBe(404);
  });

  test("shortUrl is built from the origin the request came to", async () => {
    const res = await post(createHandler(), JSON.stringify({ url: "https://example.com/" }), "https://go.example.org:8443");
    const body = await res.json();
    expect(body.shortUrl).toBe(`https://go.example.org:8443/${body.code}`);
  });
});
