import fc from "fast-check";
import { calls } from "serverside:test";
import * as reference from "./reference";
import { withSecurityHeaders, type PageContext } from "./solution";

const HTTPS = "https://shop.example/";
const HTTP = "http://shop.example/";

/** A route that records the nonces it was given (asserted afterwards, never inside the route). */
function recordingRoute(init: ResponseInit & { body?: string | null } = {}) {
  const nonces: string[] = [];
  const route = (_req: Request, ctx: PageContext) => {
    nonces.push(ctx?.nonce);
    return new Response(init.body === undefined ? "<p>hi</p>" : init.body, init);
  };
  return { route, nonces };
}

/** Content-Security-Policy as { directive: sorted sources }, with the nonce written as NONCE. */
function parseCsp(value: string | null, nonce?: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of (value ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    out[name.toLowerCase()] = sources.map((s) => (nonce !== undefined && s === `'nonce-${nonce}'` ? "'nonce-NONCE'" : s)).sort();
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const EXPECTED_CSP = {
  "default-src": ["'self'"],
  "script-src": ["'nonce-NONCE'", "'strict-dynamic'"],
  "style-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

describe("the policy", () => {
  test("the CSP has exactly the directives asked for, with this response's nonce", { description: "Every directive and source of the policy, order-insensitive; the nonce must be the one the route received." }, async () => {
    const { route, nonces } = recordingRoute();
    const res = await withSecurityHeaders(route)(new Request(HTTPS));
    expect(parseCsp(res.headers.get("content-security-policy"), nonces[0])).toEqual(EXPECTED_CSP);
  });

  test("script-src allows no inline script without the nonce, no eval and no hosts", { description: "Looks for 'unsafe-inline', 'unsafe-eval', wildcards and scheme or host sources in script-src and default-src." }, async () => {
    const res = await withSecurityHeaders(recordingRoute().route)(new Request(HTTPS));
    const csp = parseCsp(res.headers.get("content-security-policy"));
    const loose = [...(csp["script-src"] ?? []), ...(csp["default-src"] ?? [])].filter((s) => !/^'(self|none|strict-dynamic|nonce-[^']+)'$/.test(s));
    expect(loose).toEqual([]);
  });

  test("framing is refused twice: frame-ancestors 'none' and X-Frame-Options DENY", { description: "Old browsers read only X-Frame-Options; new ones prefer frame-ancestors." }, async () => {
    const res = await withSecurityHeaders(recordingRoute().route)(new Request(HTTP));
    expect([parseCsp(res.headers.get("content-security-policy"))["frame-ancestors"], res.headers.get("x-frame-options")]).toEqual([["'none'"], "DENY"]);
  });

  test("nosniff and the referrer policy are on every response, JSON and errors included", { description: "Responses of several types and statuses." }, async () => {
    const kinds: ResponseInit[] = [{ status: 200, headers: { "content-type": "application/json" } }, { status: 404 }, { status: 201, headers: { "content-type": "text/plain" } }];
    const got: (string | null)[][] = [];
    for (const init of kinds) {
      const res = await withSecurityHeaders(recordingRoute(init).route)(new Request(HTTP));
      got.push([res.headers.get("x-content-type-options"), res.headers.get("referrer-policy")]);
    }
    expect(got).toEqual(kinds.map(() => ["nosniff", "strict-origin-when-cross-origin"]));
  });
});

describe("the nonce", () => {
  test("is at least 128 random bits in base64, from the crypto module", { description: "Decodes the nonce and checks where its randomness came from." }, async () => {
    const { route, nonces } = recordingRoute();
    calls.reset();
    await withSecurityHeaders(route)(new Request(HTTPS));
    const random = calls.count("crypto.randomBytes") + calls.count("crypto.getRandomValues");
    const nonce = nonces[0] ?? "";
    let bytes = 0;
    try {
      bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce) ? Uint8Array.fromBase64(nonce.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(nonce.length / 4) * 4, "=")).length : 0;
    } catch {
      bytes = 0;
    }
    expect({ atLeast16Bytes: bytes >= 16, fromCrypto: random > 0 }).toEqual({ atLeast16Bytes: true, fromCrypto: true });
  });

  test("is new for every response and is the one in that response's policy", { description: "Twenty responses from one wrapped route, some of them concurrent." }, async () => {
    const { route, nonces } = recordingRoute();
    const app = withSecurityHeaders(route);
    const responses = [...(await Promise.all([1, 2, 3, 4, 5].map(() => app(new Request(HTTPS)))))];
    for (let i = 0; i < 15; i++) responses.push(await app(new Request(HTTPS)));
    const policies = responses.map((r, i) => (r.headers.get("content-security-policy") ?? "").includes(`'nonce-${nonces[i]}'`));
    expect({ distinct: new Set(nonces).size, policiesMatch: policies.every(Boolean) }).toEqual({ distinct: 20, policiesMatch: true });
  });
});

describe("HSTS", () => {
  test("only over HTTPS, even when the client claims X-Forwarded-Proto: https", { description: "A plain HTTP request with a forwarded-proto header a client can forge, and an HTTPS one." }, async () => {
    const app = withSecurityHeaders(recordingRoute().route);
    const plain = await app(new Request(HTTP, { headers: { "X-Forwarded-Proto": "https" } }));
    const secure = await app(new Request("https://shop.example/account"));
    const hsts = secure.headers.get("strict-transport-security") ?? "";
    const maxAge = Number(/max-age=(\d+)/i.exec(hsts)?.[1] ?? 0);
    expect({ plain: plain.headers.get("strict-transport-security"), longEnough: maxAge >= 31536000, subdomains: /includesubdomains/i.test(hsts) }).toEqual({ plain: null, longEnough: true, subdomains: true });
  });
});

describe("the route's response is kept", () => {
  test("headers the route set are not overwritten, in any letter case", { description: "A route that sets its own CSP, X-Frame-Options and Referrer-Policy." }, async () => {
    const own = { "content-security-policy": "frame-ancestors https://partner.example", "X-FRAME-OPTIONS": "SAMEORIGIN", "referrer-policy": "no-referrer" };
    const res = await withSecurityHeaders(recordingRoute({ headers: own }).route)(new Request(HTTPS));
    expect([res.headers.get("content-security-policy"), res.headers.get("x-frame-options"), res.headers.get("referrer-policy"), res.headers.get("x-content-type-options")]).toEqual([
      "frame-ancestors https://partner.example", "SAMEORIGIN", "no-referrer", "nosniff",
    ]);
  });

  test("status, status text, body, other headers and every Set-Cookie survive", { description: "A 201 with a status text, a JSON body, a custom header and two cookies." }, async () => {
    const headers = new Headers({ "content-type": "application/json", "x-request-id": "r-17" });
    headers.append("set-cookie", "a=1; Path=/; Secure; HttpOnly");
    headers.append("set-cookie", "b=2; Path=/; Secure");
    const app = withSecurityHeaders(() => new Response('{"id":7}', { status: 201, statusText: "Created", headers }));
    const res = await app(new Request(HTTPS));
    expect([res.status, res.statusText, await res.text(), res.headers.get("x-request-id"), res.headers.getSetCookie()]).toEqual([
      201, "Created", '{"id":7}', "r-17", ["a=1; Path=/; Secure; HttpOnly", "b=2; Path=/; Secure"],
    ]);
  });

  test("a redirect from Response.redirect() gets the headers too", { description: "Response.redirect() returns a response whose headers cannot be changed in place." }, async () => {
    const app = withSecurityHeaders(() => Response.redirect("https://shop.example/login", 302));
    const res = await app(new Request(HTTPS));
    expect([res.status, res.headers.get("location"), res.headers.get("x-content-type-options"), res.headers.has("content-security-policy")]).toEqual([302, "https://shop.example/login", "nosniff", true]);
  });

  test("204 and 304 responses, and async routes, work", { description: "Bodiless statuses and a route that returns a promise." }, async () => {
    const app204 = withSecurityHeaders(async () => new Response(null, { status: 204 }));
    const app304 = withSecurityHeaders(() => new Response(null, { status: 304, headers: { etag: '"v1"' } }));
    const a = await app204(new Request(HTTPS));
    const b = await app304(new Request(HTTPS));
    expect([a.status, a.headers.get("x-frame-options"), b.status, b.headers.get("etag"), b.headers.get("x-frame-options")]).toEqual([204, "DENY", 304, '"v1"', "DENY"]);
  });

  test("a route that throws becomes a 500 with the headers, and no error details", { description: "The error's message must not reach the client." }, async () => {
    const app = withSecurityHeaders(() => {
      throw new Error("db password is hunter2");
    });
    let res: Response | string;
    try {
      res = await app(new Request(HTTPS));
    } catch {
      res = "the middleware threw";
    }
    const summary = typeof res === "string" ? res : [res.status, (await res.text()).includes("hunter2"), res.headers.get("x-content-type-options")];
    expect(summary).toEqual([500, false, "nosniff"]);
  });
});

describe("generated routes agree with the reference", () => {
  const names = ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy", "strict-transport-security", "content-type", "cache-control"];
  const own = fc.dictionary(fc.constantFrom(...names, "X-Frame-Options", "Referrer-Policy"), fc.constantFrom("no-referrer", "SAMEORIGIN", "text/html", "no-store", "default-src 'none'", "max-age=60"), { maxKeys: 3 });
  test("every header for any scheme, status and set of route headers", { description: "Generated routes and requests; the nonce is compared by position, not value." }, async () => {
    const diffs: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(HTTP, HTTPS, "https://shop.example:8443/x?y=1"), fc.constantFrom(200, 201, 400, 404, 500), own, async (url, status, headers) => {
        const snapshot = async (app: (r: Request) => Promise<Response>, seen: string[]) => {
          const res = await app(new Request(url));
          return names
            .map((n) => {
              const v = res.headers.get(n);
              if (v === null) return "-";
              // Order-insensitive where the syntax is: CSP directives and HSTS directives.
              if (n === "content-security-policy") return JSON.stringify(parseCsp(v, seen[seen.length - 1]));
              if (n === "strict-transport-security") return v.split(";").map((d) => d.trim().toLowerCase()).sort().join(";");
              return v;
            })
            .concat(String(res.status));
        };
        const ours: string[] = [];
        const theirs: string[] = [];
        const expected = await snapshot(reference.withSecurityHeaders((_r, c) => (ours.push(c.nonce), new Response("x", { status, headers }))), ours);
        const got = await snapshot(withSecurityHeaders((_r, c) => (theirs.push(c?.nonce), new Response("x", { status, headers }))), theirs);
        if (JSON.stringify(expected) !== JSON.stringify(got)) diffs.push(`${url} ${status} ${JSON.stringify(headers)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
      }),
      { numRuns: 40 },
    );
    expect(diffs).toEqual([]);
  });
});
