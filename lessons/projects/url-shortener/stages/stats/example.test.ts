import { createHandler } from "./routes";

const BASE = "http://sho.rt";

describe("stage 3: aliases and stats", () => {
  test('POST /links {"url", "alias": "docs"} → 201, code "docs", Location: /links/docs', async () => {
    const handle = createHandler();
    const res = await handle(new Request(`${BASE}/links`, { method: "POST", body: JSON.stringify({ url: "https://example.com/docs", alias: "docs" }) }));
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/links/docs");
    expect(await res.json()).toEqual({ code: "docs", url: "https://example.com/docs", shortUrl: `${BASE}/docs` });
  });

  test("GET /links/<code> → the link and its visits", async () => {
    const handle = createHandler();
    await handle(new Request(`${BASE}/links`, { method: "POST", body: JSON.stringify({ url: "https://example.com/", alias: "home" }) }));
    await handle(new Request(`${BASE}/home`));
    await handle(new Request(`${BASE}/home`));
    const res = await handle(new Request(`${BASE}/links/home`));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ code: "home", url: "https://example.com/", visits: 2 });
  });
});
