// Requests a malicious page could make a victim's browser send, with the victim's session cookie.
// Some attacks even carry a valid token (as if it had leaked) to prove the origin check works on
// its own. Each must be refused and change nothing.
import { createApp, ORIGIN, type Account } from "./solution";

type App = (req: Request) => Promise<Response>;
const SID = { alice: "s-alice-6b1e0d9a4c", bob: "s-bob-93ac27f1e8" };
const accounts = (): Account[] => [
  { userId: "alice", email: "alice@example.com", balance: 100 },
  { userId: "bob", email: "bob@example.com", balance: 50 },
];
function post(path: string, headers: Record<string, string>, body: string = JSON.stringify({ to: "bob", amount: 60 })): Request {
  return new Request(ORIGIN + path + "", { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
}
const own = (sid = SID.alice) => ({ Cookie: `session=${sid}`, "Sec-Fetch-Site": "same-origin", Origin: ORIGIN });
async function tokenFor(app: App, sid: string): Promise<string> {
  return ((await (await app(new Request(ORIGIN + "/csrf-token", { headers: own(sid) }))).json()) as { token: string }).token;
}
async function untouched(app: App): Promise<void> {
  for (const [i, sid] of [SID.alice, SID.bob].entries()) {
    expect(await (await app(new Request(ORIGIN + "/account", { headers: own(sid) }))).json()).toEqual(accounts()[i]);
  }
}

describe("look-alike or foreign Origin (no Sec-Fetch-Site), even with a valid token → 403", () => {
  const foreign = ["https://evil.example", "https://bank.example.evil.example", "https://evilbank.example", "https://login.bank.example", "http://bank.example", "https://bank.example:8443", "https://bank.example/", "null"];
  for (const origin of foreign) {
    test(`Origin: ${origin} → 403`, async () => {
      const app = createApp(accounts());
      const token = await tokenFor(app, SID.alice);
      const res = await app(post("/transfer", { Cookie: `session=${SID.alice}`, Origin: origin, Referer: ORIGIN + "/transfer", "X-CSRF-Token": token }));
      expect(res.status).toBe(403);
      await untouched(app);
    });
  }
});

describe("Sec-Fetch-Site other than same-origin or none, even with a valid token → 403", () => {
  for (const site of ["cross-site", "same-site"]) {
    test(`Sec-Fetch-Site: ${site} → 403`, async () => {
      const app = createApp(accounts());
      const token = await tokenFor(app, SID.alice);
      const res = await app(post("/transfer", { Cookie: `session=${SID.alice}`, "Sec-Fetch-Site": site, Origin: "https://promo.bank.example", "X-CSRF-Token": token }));
      expect(res.status).toBe(403);
      await untouched(app);
    });
  }
});

describe("without the session's own token → 403", () => {
  const cases: [string, (app: App) => Promise<Record<string, string>>, string][] = [
    ["a Referer from our site but no token", async () => ({ Cookie: `session=${SID.alice}`, Referer: ORIGIN + "/transfer" }), ""],
    ["a planted csrf cookie and a matching header (naive double submit)", async () => ({ Cookie: `session=${SID.alice}; csrf=planted123`, "X-CSRF-Token": "planted123" }), ""],
    ["the attacker's own token (bob's session) with alice's cookie", async (app) => ({ Cookie: `session=${SID.alice}`, "X-CSRF-Token": await tokenFor(app, SID.bob) }), ""],
    ["the token cut short by one character", async (app) => ({ Cookie: `session=${SID.alice}`, "X-CSRF-Token": (await tokenFor(app, SID.alice)).slice(0, -1) }), ""],
    ["an empty token", async () => ({ Cookie: `session=${SID.alice}`, "X-CSRF-Token": "" }), ""],
    ["the token in the query string instead of the header", async (app) => ({ Cookie: `session=${SID.alice}` }), "?csrf=" ],
    ["the token in the body instead of the header", async () => ({ Cookie: `session=${SID.alice}` }), "body"],
  ];
  for (const [what, headersOf, where] of cases) {
    test(`${what} → 403`, async () => {
      const app = createApp(accounts());
      const headers = { "Sec-Fetch-Site": "same-origin", Origin: ORIGIN, ...(await headersOf(app)) };
      const token = await tokenFor(app, SID.alice);
      const path = where === "?csrf=" ? `/transfer?csrf=${encodeURIComponent(token)}&_csrf=${encodeURIComponent(token)}` : "/transfer";
      const body = where === "body" ? JSON.stringify({ to: "bob", amount: 60, csrf: token, _csrf: token, csrfToken: token }) : undefined;
      const res = await app(post(path, headers, body));
      expect(res.status).toBe(403);
      await untouched(app);
    });
  }
});

describe("what a plain HTML form or GET can do", () => {
  test("a form post (urlencoded or text/plain) with no Origin (privacy settings) → refused, nothing moves", async () => {
    const app = createApp(accounts());
    for (const [type, body] of [["application/x-www-form-urlencoded", "to=bob&amount=60"], ["text/plain", '{"to":"bob","amount":60}']]) {
      const res = await app(new Request(ORIGIN + "/transfer", { method: "POST", headers: { Cookie: `session=${SID.alice}`, "Content-Type": type! }, body }));
      expect([403, 415]).toContain(res.status);
    }
    await untouched(app);
  });

  test("the token is enough only with JSON: same-origin text/plain with a valid token → 415", async () => {
    const app = createApp(accounts());
    const res = await app(post("/transfer", { ...own(), "Content-Type": "text/plain", "X-CSRF-Token": await tokenFor(app, SID.alice) }));
    expect(res.status).toBe(415);
    await untouched(app);
  });

  test("a type that only mentions JSON in a parameter (text/plain; charset=application/json, which any site may send without a preflight) with a valid token → 415", async () => {
    const app = createApp(accounts());
    const res = await app(post("/transfer", { ...own(), "Content-Type": "text/plain; charset=application/json", "X-CSRF-Token": await tokenFor(app, SID.alice) }));
    expect(res.status).toBe(415);
    await untouched(app);
  });

  test("GET, HEAD or PUT on /transfer and /email never change anything", async () => {
    const app = createApp(accounts());
    for (const method of ["GET", "HEAD", "PUT"]) {
      await app(new Request(ORIGIN + "/transfer?to=bob&amount=60", { method, headers: own() }));
      await app(new Request(ORIGIN + "/email?email=evil@evil.example", { method, headers: own() }));
    }
    await untouched(app);
  });

  test("login CSRF: a cross-site POST /login with the attacker's password → 403, no cookie set", async () => {
    const app = createApp(accounts());
    const res = await app(post("/login", { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }, JSON.stringify({ username: "bob", password: "hunter2hunter2" })));
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBe(null);
  });

  test("the session cookie is not sent cross-site and not readable by script: SameSite=Lax or Strict (never None), HttpOnly, Secure, Path=/", async () => {
    const res = await createApp(accounts())(post("/login", own(""), JSON.stringify({ username: "alice", password: "correct horse battery staple" })));
    const attrs = (res.headers.get("set-cookie") ?? "").split(";").slice(1).map((a) => a.trim().toLowerCase());
    expect(attrs.filter((a) => a === "samesite=lax" || a === "samesite=strict").length).toBe(1);
    expect(attrs).not.toContain("samesite=none");
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("secure");
    expect(attrs).toContain("path=/");
  });
});
