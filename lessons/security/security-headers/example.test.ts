import { withSecurityHeaders } from "./solution";

/** A page whose inline script carries the nonce the middleware handed it. */
const page = withSecurityHeaders((_req, { nonce }) =>
  new Response(`<!doctype html><script nonce="${nonce}">start()</script>`, { headers: { "Content-Type": "text/html; charset=utf-8" } }),
);
const nonceInBody = (html: string) => /nonce="([^"]*)"/.exec(html)?.[1];

describe("withSecurityHeaders", () => {
  test("an HTTPS page gets CSP with its nonce, nosniff, DENY framing, a referrer policy and HSTS", async () => {
    const res = await page(new Request("https://shop.example/"));
    const nonce = nonceInBody(await res.text());
    const scriptSrc = (res.headers.get("content-security-policy") ?? "").split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "));
    expect(scriptSrc?.split(" ")).toContain(`'nonce-${nonce}'`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // HSTS directives may come in any order.
    const hsts = (res.headers.get("strict-transport-security") ?? "").split(";").map((d) => d.trim()).sort();
    expect(hsts).toEqual(["includeSubDomains", "max-age=63072000"]);
  });

  test("plain HTTP gets no Strict-Transport-Security", async () => {
    const res = await page(new Request("http://shop.example/"));
    expect(res.headers.get("strict-transport-security")).toBe(null);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("two responses carry two different nonces", async () => {
    const a = nonceInBody(await (await page(new Request("https://shop.example/"))).text());
    const b = nonceInBody(await (await page(new Request("https://shop.example/"))).text());
    expect(a === b).toBe(false);
  });

  test("a header the route set itself is kept", async () => {
    const app = withSecurityHeaders(() => new Response("ok", { headers: { "Referrer-Policy": "no-referrer" } }));
    const res = await app(new Request("https://shop.example/"));
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
