import { createHandler } from "./routes";

const BASE = "http://sho.rt";

describe("stage 2: redirect", () => {
  test("GET /<code> of a shortened link → a redirect to its URL", async () => {
    const handle = createHandler();
    const created = await handle(new Request(`${BASE}/links`, { method: "POST", body: JSON.stringify({ url: "https://example.com/a?b=1" }) }));
    const { code } = await created.json();
    const res = await handle(new Request(`${BASE}/${code}`));
    expect([301, 302, 303, 307, 308]).toContain(res.status);
    expect(res.headers.get("location")).toBe("https://example.com/a?b=1");
  });
});
