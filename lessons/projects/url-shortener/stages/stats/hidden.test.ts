import { createHandler } from "./routes";

const BASE = "http://sho.rt";
type Handle = (req: Request) => Promise<Response>;

function create(handle: Handle, body: unknown): Promise<Response> {
  return handle(new Request(`${BASE}/links`, { method: "POST", body: JSON.stringify(body) }));
}
async function visits(handle: Handle, code: string): Promise<unknown> {
  return (await (await handle(new Request(`${BASE}/links/${code}`))).json()).visits;
}

describe("stage 3: aliases and stats", () => {
  test("a taken alias → 409, and the first link keeps its URL", async () => {
    const handle = createHandler();
    await create(handle, { url: "https://example.com/first", alias: "promo" });
    const second = await create(handle, { url: "https://evil.example/", alias: "promo" });
    expect(second.status).toBe(409);
    expect((await handle(new Request(`${BASE}/promo`))).headers.get("location")).toBe("https://example.com/first");
  });

  test("aliases are 3-32 letters, digits, - or _ (others → 422, nothing created)", async () => {
    const handle = createHandler();
    const statuses: number[] = [];
    for (const alias of ["ab", "x".repeat(33), "a b", "über", "a/b", "a.b", 42, ""]) statuses.push((await create(handle, { url: "https://example.com/", alias })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 422, 422, 422]);
    expect((await create(handle, { url: "https://example.com/", alias: "A_b-9" })).status).toBe(201);
  });

  test('"links" cannot be an alias: it is a route', async () => {
    const handle = createHandler();
    expect((await create(handle, { url: "https://example.com/", alias: "links" })).status).toBe(422);
    expect((await handle(new Request(`${BASE}/links`))).status).toBe(405);
  });

  test("HEAD requests and unknown codes do not count as visits", async () => {
    const handle = createHandler();
    await create(handle, { url: "https://example.com/", alias: "counted" });
    await handle(new Request(`${BASE}/counted`, { method: "HEAD" }));
    await handle(new Request(`${BASE}/counted`));
    await handle(new Request(`${BASE}/nope404`));
    expect(await visits(handle, "counted")).toBe(1);
  });

  test("each link counts its own visits; generated codes count too", async () => {
    const handle = createHandler();
    const { code } = await (await create(handle, { url: "https://example.com/a" })).json();
    await create(handle, { url: "https://example.com/b", alias: "bee" });
    for (let i = 0; i < 3; i++) await handle(new Request(`${BASE}/${code}`));
    await handle(new Request(`${BASE}/bee`));
    expect([await visits(handle, code), await visits(handle, "bee")]).toEqual([3, 1]);
  });

  test("GET /links/<unknown> → 404; other methods on /links/<code> → 405 with Allow: GET, HEAD", async () => {
    const handle = createHandler();
    await create(handle, { url: "https://example.com/", alias: "known" });
    expect((await handle(new Request(`${BASE}/links/unknown`))).status).toBe(404);
    const del = await handle(new Request(`${BASE}/links/known`, { method: "DELETE" }));
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toBe("GET, HEAD");
  });

  test("a generated code's 201 carries Location: /links/<code> too", async () => {
    const res = await create(createHandler(), { url: "https://example.com/" });
    const { code } = await res.json();
    expect(res.headers.get("location")).toBe(`/links/${code}`);
  });
});
