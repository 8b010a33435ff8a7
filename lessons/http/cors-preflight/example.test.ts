import { handler } from "./solution";

const url = "http://api.example.com/api/notes";

describe("CORS", () => {
  test("GET from Origin https://app.example.com → Access-Control-Allow-Origin echoes it, with credentials", async () => {
    const res = await handler(new Request(url, { headers: { Origin: "https://app.example.com" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
  });

  test("GET from Origin https://evil.example.net → no Access-Control-Allow-Origin", async () => {
    const res = await handler(new Request(url, { headers: { Origin: "https://evil.example.net" } }));
    expect(res.headers.get("access-control-allow-origin")).toBe(null);
  });

  test("preflight for POST with Content-Type from https://admin.example.com → 204 with the allow headers", async () => {
    const res = await handler(
      new Request(url, {
        method: "OPTIONS",
        headers: {
          Origin: "https://admin.example.com",
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "content-type",
        },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://admin.example.com");
    expect(res.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect((res.headers.get("access-control-allow-headers") ?? "").toLowerCase()).toMatch(/content-type/);
  });
});
