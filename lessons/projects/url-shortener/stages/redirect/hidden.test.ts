import { createHandler } from "./routes";

const BASE = "http://sho.rt";
type Handle = (req: Request) => Promise<Response>;

async function shorten(handle: Handle, url: string): Promise<string> {
  const res = await handle(new Request(`${BASE}/links`, { method: "POST", body: JSON.stringify({ url }) }));
  return (await res.json()).code;
}

describe("stage 2: redirect", () => {
  test("the redirect is 302 Found (temporary: a link's visits are counted and its target may change)", async () => {
    const handle = createHandler();
    const code = await shorten(handle, "https://example.com/");
    expect((await handle(new Request(`${BASE}/${code}`))).status).toBe(302);
  });

  test("Location is the stored URL exactly, query and fragment included", async () => {
    const handle = createHandler();
    const url = "https://example.com/search?q=a%20b&page=2#results";
    const code = await shorten(handle, url);
    expect((await handle(new Request(`${BASE}/${code}`))).headers.get("location")).toBe(url);
  });

  test("an unknown code → 404", async () => {
    const handle = createHandler();
    await shorten(handle, "https://example.com/");
    const res = await handle(new Request(`${BASE}/Zz9Zz9Z`));
    expect(res.status).toBe(404);
  });

  test("codes are case-sensitive: the same letters in another case are another code", async () => {
    const handle = createHandler();
    let code = await shorten(handle, "https://example.com/");
    while (code === code.toLowerCase()) code = await shorten(handle, "https://example.com/");
    const res = await handle(new Request(`${BASE}/${code.toLowerCase()}`));
    expect(res.status).toBe(404);
  });

  test("HEAD /<code> → the same redirect, with no body", async () => {
    const handle = createHandler();
    const code = await shorten(handle, "https://example.com/h");
    const res = await handle(new Request(`${BASE}/${code}`, { method: "HEAD" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://example.com/h");
    expect(await res.text()).toBe("");
  });

  test("other methods on /<code> → 405 with Allow: GET, HEAD", async () => {
    const handle = createHandler();
    const code = await shorten(handle, "https://example.com/");
    const res = await handle(new Request(`${BASE}/${code}`, { method: "DELETE" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  test("/ and deeper paths are not codes → 404", async () => {
    const handle = createHandler();
    const code = await shorten(handle, "https://example.com/");
    const statuses = [(await handle(new Request(`${BASE}/`))).status, (await handle(new Request(`${BASE}/${code}/more`))).status];
    expect(statuses).toEqual([404, 404]);
  });
});
