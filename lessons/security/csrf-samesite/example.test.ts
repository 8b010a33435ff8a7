import { createApp, ORIGIN, type Account } from "./solution";

const COOKIE = { alice: "session=s-alice-6b1e0d9a4c", bob: "session=s-bob-93ac27f1e8" };
const accounts = (): Account[] => [
  { userId: "alice", email: "alice@example.com", balance: 100 },
  { userId: "bob", email: "bob@example.com", balance: 50 },
];
type App = (req: Request) => Promise<Response>;

/** A request as a browser would send it from one of our own pages. */
function fromOurPage(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Request {
  return new Request(ORIGIN + path, {
    method,
    headers: { "Sec-Fetch-Site": "same-origin", Origin: ORIGIN, Cookie: COOKIE.alice, ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
async function tokenOf(app: App): Promise<string> {
  return ((await (await app(fromOurPage("GET", "/csrf-token"))).json()) as { token: string }).token;
}
async function balance(app: App): Promise<number> {
  return ((await (await app(fromOurPage("GET", "/account"))).json()) as Account).balance;
}

describe("the bank's own pages", () => {
  test("POST /transfer from our page with the token from GET /csrf-token → 200, balance 100 → 90", async () => {
    const app = createApp(accounts());
    const res = await app(fromOurPage("POST", "/transfer", { "X-CSRF-Token": await tokenOf(app) }, { to: "bob", amount: 10 }));
    expect(res.status).toBe(200);
    expect(await balance(app)).toBe(90);
  });

  test("POST /email from our page without X-CSRF-Token → 403", async () => {
    const res = await createApp(accounts())(fromOurPage("POST", "/email", {}, { email: "new@example.com" }));
    expect(res.status).toBe(403);
  });

  test("POST /login with the right password → 200, Set-Cookie with HttpOnly, Secure and SameSite=Lax (or Strict)", async () => {
    const res = await createApp(accounts())(fromOurPage("POST", "/login", { Cookie: "" }, { username: "bob", password: "hunter2hunter2" }));
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^session=[^;]+/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
  });
});

describe("another site", () => {
  test("a hidden form on https://evil.example posting to /transfer with alice's cookie → 403, nothing moves", async () => {
    const app = createApp(accounts());
    const res = await app(
      new Request(ORIGIN + "/transfer", {
        method: "POST",
        headers: { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example", Cookie: COOKIE.alice, "Content-Type": "application/x-www-form-urlencoded" },
        body: "to=bob&amount=100",
      }),
    );
    expect(res.status).toBe(403);
    expect(await balance(app)).toBe(100);
  });

  test("GET /transfer?to=bob&amount=10 (an <img> tag elsewhere) → 405 with Allow: POST, nothing moves", async () => {
    const app = createApp(accounts());
    const res = await app(new Request(ORIGIN + "/transfer?to=bob&amount=10", { headers: { "Sec-Fetch-Site": "cross-site", Cookie: COOKIE.alice } }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(await balance(app)).toBe(100);
  });
});
