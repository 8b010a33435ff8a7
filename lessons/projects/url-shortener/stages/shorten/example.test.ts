import { ALPHABET, CODE_LENGTH, generateCode } from "./codes";
import { createHandler } from "./routes";

const BASE = "http://sho.rt";

function shorten(handle: (req: Request) => Promise<Response>, body: unknown): Promise<Response> {
  return handle(new Request(`${BASE}/links`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));
}

describe("stage 1: shorten", () => {
  test('POST /links {"url": "https://example.com/docs?page=2"} → 201 with code, url and shortUrl', async () => {
    const handle = createHandler();
    const res = await shorten(handle, { url: "https://example.com/docs?page=2" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.url).toBe("https://example.com/docs?page=2");
    expect(body.code).toMatch(/^[A-Za-z0-9]{7}$/);
    expect(body.shortUrl).toBe(`${BASE}/${body.code}`);
  });

  test("generateCode() → 7 characters of ALPHABET", () => {
    const code = generateCode();
    expect(code).toHaveLength(CODE_LENGTH);
    for (const c of code) expect(ALPHABET).toContain(c);
  });
});
