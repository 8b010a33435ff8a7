import { handler } from "./solution";

const url = "http://api.example.com/api/notes";

function get(origin: string | null, method = "GET", body?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (origin !== null) headers.Origin = origin;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return handler(new Request(url, { method, headers, body }));
}

function preflight(origin: string, method: string, requestHeaders?: string): Promise<Response> {
  const headers: Record<string, string> = { Origin: origin, "Access-Control-Request-Method": method };
  if (requestHeaders !== undefined) headers["Access-Control-Request-Headers"] = requestHeaders;
  return handler(new Request(url, { method: "OPTIONS", headers }));
}

const acao = (res: Response) => res.headers.get("access-control-allow-origin") ?? "(none)";
const varies = (res: Response) =>
  (res.headers.get("vary") ?? "").split(",").map((v) => v.trim().toLowerCase());

describe("which origins are allowed", () => {
  test("look-alike hosts get no Access-Control-Allow-Origin (prefix, suffix, subdomain tricks)", async () => {
    for (const origin of [
      "https://app.example.com.evil.net",
      "https://evilapp.example.com",
      "https://app-example.com",
      "https://example.com",
      "https://notadmin.example.com",
    ]) {
      expect(`${origin} → ${acao(await get(origin))}`).toBe(`${origin} → (none)`);
    }
  });

  test('the same host with another scheme or port, or the literal Origin "null", is not allowed', async () => {
    for (const origin of ["http://app.example.com", "https://app.example.com:8443", "null", "https://admin.example.com:444"]) {
      expect(`${origin} → ${acao(await get(origin))}`).toBe(`${origin} → (none)`);
    }
  });

  test('Access-Control-Allow-Origin is never "*" (credentials are allowed), even for allowed origins', async () => {
    for (const origin of ["https://admin.example.com", "https://app.example.com", "https://random.test"]) {
      expect(acao(await get(origin)) === "*").toBe(false);
      expect(acao(await preflight(origin, "GET")) === "*").toBe(false);
    }
  });

  test("Vary includes Origin on every /api/notes response: allowed origin, other origin, and no Origin at all", async () => {
    for (const origin of ["https://app.example.com", "https://random.test", null]) {
      expect(varies(await get(origin)).includes("origin")).toBe(true);
    }
    // Not only GET: a 405 and a plain OPTIONS (no Access-Control-Request-Method: not a preflight) too.
    for (const method of ["DELETE", "OPTIONS"]) {
      expect(`${method} → Vary: ${varies(await get("https://app.example.com", method)).join(", ")}`).toMatch(
        /Vary: .*\borigin\b/,
      );
    }
  });
});

describe("preflight", () => {
  test("a method the API does not allow (DELETE, PUT) → 403 and no Access-Control-Allow-Origin", async () => {
    for (const method of ["DELETE", "PUT", "PATCH"]) {
      const res = await preflight("https://app.example.com", method);
      expect(`${method}: ${res.status} ${acao(res)}`).toBe(`${method}: 403 (none)`);
    }
  });

  test("a request header the API does not allow (X-Admin) → 403 and no Access-Control-Allow-Origin", async () => {
    const res = await preflight("https://app.example.com", "POST", "content-type, x-admin");
    expect(res.status).toBe(403);
    expect(acao(res)).toBe("(none)");
  });

  test("allowed request headers match whatever their case and spacing; no requested headers is fine too", async () => {
    const res = await preflight("https://admin.example.com", "POST", "Content-Type,X-Request-ID ,  AUTHORIZATION");
    expect(res.status).toBe(204);
    expect(acao(res)).toBe("https://admin.example.com");
    expect((await preflight("https://app.example.com", "GET")).status).toBe(204);
  });

  test("a preflight from an origin that is not allowed → 403 and no Access-Control-Allow-Origin", async () => {
    for (const origin of ["https://app.example.com.evil.net", "null", "https://evil.test"]) {
      const res = await preflight(origin, "GET");
      expect(`${origin}: ${res.status} ${acao(res)}`).toBe(`${origin}: 403 (none)`);
    }
  });

  test("a successful preflight → 204, no body, Allow-Credentials true, Max-Age 600, Allow-Methods exactly GET and POST", async () => {
    const res = await preflight("https://app.example.com", "POST", "content-type");
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
    expect(res.headers.get("access-control-max-age")).toBe("600");
    const methods = (res.headers.get("access-control-allow-methods") ?? "").split(",").map((m) => m.trim()).sort();
    expect(methods).toEqual(["GET", "POST"]);
    expect(varies(res).includes("origin")).toBe(true);
  });
});

describe("actual requests", () => {
  test("a POST from an allowed origin → 201 with Access-Control-Allow-Origin and credentials", async () => {
    const res = await get("https://admin.example.com", "POST", JSON.stringify({ text: "from admin" }));
    expect(res.status).toBe(201);
    expect(acao(res)).toBe("https://admin.example.com");
    expect(res.headers.get("access-control-allow-credentials")).toBe("true");
  });

  test("error responses (400) to an allowed origin carry the CORS headers too, so the page can read the error", async () => {
    const res = await get("https://app.example.com", "POST", "{broken");
    expect(res.status).toBe(400);
    expect(acao(res)).toBe("https://app.example.com");
  });

  test("allowed origins can read X-Total-Count: Access-Control-Expose-Headers lists it", async () => {
    const res = await get("https://app.example.com");
    expect(res.headers.get("x-total-count") !== null).toBe(true);
    expect((res.headers.get("access-control-expose-headers") ?? "").toLowerCase()).toMatch(/x-total-count/);
  });

  test("a request from a disallowed origin gets no credentials header either", async () => {
    const res = await get("https://evil.test");
    expect(res.headers.get("access-control-allow-credentials")).toBe(null);
  });
});
