// Honest use from our pages and from non-browser clients, and generated mixes of the headers
// browsers send (Sec-Fetch-Site, Origin), tokens and cookies, compared with the reference.
import fc from "fast-check";
import * as reference from "./reference";
import { createApp, ORIGIN, type Account } from "./solution";

type App = (req: Request) => Promise<Response>;
const SID = { alice: "s-alice-6b1e0d9a4c", bob: "s-bob-93ac27f1e8" };
const accounts = (): Account[] => [
  { userId: "alice", email: "alice@example.com", balance: 100 },
  { userId: "bob", email: "bob@example.com", balance: 50 },
];

interface Options {
  sid?: string | null;
  site?: string | null;
  origin?: string | null;
  token?: string | null;
  type?: string | null;
  extra?: Record<string, string>;
}
function request(method: string, path: string, body: unknown, o: Options = {}): Request {
  const headers: Record<string, string> = { ...o.extra };
  const sid = o.sid === undefined ? SID.alice : o.sid;
  if (sid !== null) headers.Cookie = `session=${sid}`;
  const site = o.site === undefined ? "same-origin" : o.site;
  if (site !== null) headers["Sec-Fetch-Site"] = site;
  const origin = o.origin === undefined ? ORIGIN : o.origin;
  if (origin !== null && method !== "GET") headers.Origin = origin;
  if (o.token !== undefined && o.token !== null) headers["X-CSRF-Token"] = o.token;
  const type = o.type === undefined ? "application/json" : o.type;
  if (body !== undefined && type !== null) headers["Content-Type"] = type;
  return new Request(ORIGIN + path, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}
async function tokenFor(app: App, sid: string): Promise<string> {
  return ((await (await app(request("GET", "/csrf-token", undefined, { sid }))).json()) as { token: string }).token;
}
async function account(app: App, sid = SID.alice): Promise<Account> {
  return (await (await app(request("GET", "/account", undefined, { sid }))).json()) as Account;
}

describe("honest use", () => {
  test("GET /csrf-token: a token per session, sent with Cache-Control: no-store", async () => {
    const app = createApp(accounts());
    const res = await app(request("GET", "/csrf-token", undefined));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await tokenFor(app, SID.alice)).not.toBe(await tokenFor(app, SID.bob));
  });

  test("a client that sends neither Sec-Fetch-Site nor Origin (curl, a server) but has the token → allowed", async () => {
    const app = createApp(accounts());
    const token = await tokenFor(app, SID.alice);
    const res = await app(request("POST", "/email", { email: "a@new.example" }, { site: null, origin: null, token }));
    expect(res.status).toBe(200);
    expect((await account(app)).email).toBe("a@new.example");
  });

  test("an older browser that sends Origin but not Sec-Fetch-Site, from our origin, with the token → allowed", async () => {
    const app = createApp(accounts());
    const token = await tokenFor(app, SID.alice);
    expect((await app(request("POST", "/transfer", { to: "bob", amount: 25 }, { site: null, token }))).status).toBe(200);
    expect((await account(app, SID.bob)).balance).toBe(75);
  });

  test("Sec-Fetch-Site: none (the user's own action) with the token → allowed; a charset on the JSON type is fine", async () => {
    const app = createApp(accounts());
    const token = await tokenFor(app, SID.alice);
    expect((await app(request("POST", "/transfer", { to: "bob", amount: 1 }, { site: "none", origin: null, token, type: "application/json; charset=utf-8" }))).status).toBe(200);
  });

  test("reads are not blocked: GET /account linked from another site → 200", async () => {
    const app = createApp(accounts());
    expect((await app(request("GET", "/account", undefined, { site: "cross-site" }))).status).toBe(200);
  });

  test("a session from POST /login works for reading, fetching a token and transferring", async () => {
    const app = createApp(accounts());
    const login = await app(request("POST", "/login", { username: "alice", password: "correct horse battery staple" }, { sid: null }));
    expect(login.status).toBe(200);
    expect(await login.json()).toEqual({ userId: "alice" });
    const sid = /^session=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1] ?? "";
    const token = await tokenFor(app, sid);
    expect((await app(request("POST", "/transfer", { to: "bob", amount: 40 }, { sid, token }))).status).toBe(200);
    expect((await account(app, sid)).balance).toBe(60);
  });

  test("wrong passwords → 401 and no cookie; a request without a session → 401", async () => {
    const app = createApp(accounts());
    const res = await app(request("POST", "/login", { username: "alice", password: "hunter2hunter2" }, { sid: null }));
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBe(null);
    expect((await app(request("GET", "/account", undefined, { sid: null }))).status).toBe(401);
    expect((await app(request("POST", "/email", { email: "x@y.z" }, { sid: null, token: "anything" }))).status).toBe(401);
  });

  test("the limits are inclusive: the whole balance can be sent, and an e-mail of exactly 254 characters is accepted", async () => {
    const app = createApp(accounts());
    const token = await tokenFor(app, SID.alice);
    const email = `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(59)}.example`; // 254 characters, every label under 64
    const changed = await app(request("POST", "/email", { email }, { token }));
    expect({ status: changed.status, length: email.length }).toEqual({ status: 200, length: 254 });
    expect((await app(request("POST", "/email", { email: `a${email}` }, { token }))).status).toBe(422);
    const all = await app(request("POST", "/transfer", { to: "bob", amount: 100 }, { token }));
    expect({ status: all.status, balance: (await account(app)).balance }).toEqual({ status: 200, balance: 0 });
  });

  test("invalid transfers and e-mails → 422, nothing changed", async () => {
    const app = createApp(accounts());
    const token = await tokenFor(app, SID.alice);
    for (const body of [{ to: "bob", amount: 101 }, { to: "bob", amount: 0 }, { to: "bob", amount: -5 }, { to: "bob", amount: 2.5 }, { to: "bob", amount: "10" }, { to: "alice", amount: 1 }, { to: "carol", amount: 1 }]) {
      expect((await app(request("POST", "/transfer", body, { token }))).status).toBe(422);
    }
    expect((await app(request("POST", "/email", { email: "not an email" }, { token }))).status).toBe(422);
    expect(await account(app)).toEqual(accounts()[0]);
  });

  test("other methods → 405 with Allow; unknown paths → 404", async () => {
    const app = createApp(accounts());
    const get = await app(request("GET", "/email", undefined));
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    const post = await app(request("POST", "/account", {}, { token: await tokenFor(app, SID.alice) }));
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET"]);
    expect((await app(request("GET", "/admin", undefined))).status).toBe(404);
  });
});

// --- generated requests --------------------------------------------------------------------------------

const origins = [null, ORIGIN, "https://evil.example", "null", "https://bank.example.evil.example", "https://evilbank.example", "http://bank.example", "https://app.bank.example"];
const sites = [null, "same-origin", "same-site", "cross-site", "none"];
type Pick = { sid: "alice" | "bob" | null; site: string | null; origin: string | null; token: "own" | "other" | "none" | "garbage"; type: string; path: "/email" | "/transfer" };
const pick: fc.Arbitrary<Pick> = fc.record({
  sid: fc.constantFrom<Pick["sid"]>("alice", "alice", "bob", null),
  site: fc.constantFrom(...sites),
  origin: fc.constantFrom(...origins),
  token: fc.constantFrom<Pick["token"]>("own", "own", "other", "none", "garbage"),
  type: fc.constantFrom("application/json", "application/json", "text/plain", "application/x-www-form-urlencoded"),
  path: fc.constantFrom<Pick["path"]>("/email", "/transfer"),
});

async function attempt(app: App, p: Pick): Promise<number> {
  const sid = p.sid === null ? null : SID[p.sid];
  const tokens = { own: sid === null ? null : await tokenFor(app, sid), other: await tokenFor(app, p.sid === "bob" ? SID.alice : SID.bob), none: null, garbage: "x".repeat(43) };
  const body = p.path === "/email" ? { email: "new@evil.example" } : { to: p.sid === "bob" ? "alice" : "bob", amount: 7 };
  const res = await app(request("POST", p.path, body, { sid, site: p.site, origin: p.origin, token: tokens[p.token], type: p.type }));
  return res.status;
}

test(
  "generated mixes of browser headers, cookies and tokens agree with the reference",
  { description: "Random Sec-Fetch-Site and Origin values (ours, look-alikes, null, missing), sessions, tokens (own, another session's, missing, forged) and content types on the two unsafe routes; statuses and balances must be the reference's." },
  async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pick, { minLength: 1, maxLength: 6 }), async (picks) => {
        const mine = createApp(accounts());
        const theirs = reference.createApp(accounts());
        for (const p of picks) {
          const expected = await attempt(theirs, p);
          expect(await attempt(mine, p)).toBe(expected);
        }
        for (const sid of [SID.alice, SID.bob]) expect(await account(mine, sid)).toEqual(await account(theirs, sid));
      }),
      { numRuns: 20 },
    );
  },
);
