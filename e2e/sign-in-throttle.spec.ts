import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { startAppServer, type AppServer } from "./support/app-server.ts";

// Sign-in throttling through the real server, from many client addresses. The suite's web server
// trusts no proxy, so every browser there is 127.0.0.1; this spec starts a server of its own with
// TRUST_PROXY=1 and the default limits, and plays the proxy: the X-Forwarded-For it sends is the
// client address the server sees (exactly what nginx in front would append).

const DATABASE = "./data/e2e-throttle.db";
const email = `owner-${Date.now().toString(36)}@example.com`;
const password = "correct horse battery staple";
const OWNER_ADDRESS = "203.0.113.7";
const ATTACKER_ADDRESSES = Array.from({ length: 34 }, (_, i) => `198.51.100.${i + 10}`);

let server: AppServer;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${DATABASE}${suffix}`, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${DATABASE}` };
  // The real command line makes the account (and applies the migrations to the new file).
  const created = execFileSync(
    "npm",
    ["run", "--silent", "user", "--", "set-role", email, "learner", "--password", password],
    { env, encoding: "utf8" },
  );
  expect(created).toContain(`Created ${email}`);
  server = await startAppServer({
    DATABASE_URL: `file:${DATABASE}`,
    AUTH_SECRET: "e2e-throttle-secret-e2e-throttle-secret",
    TRUST_PROXY: "1",
    SANDBOX_WORKERS: "1",
  });
});

test.afterAll(async () => {
  await server?.stop();
});

/** One sign-in through Auth.js's credentials endpoint, as the client at `address`. */
async function signIn(
  api: APIRequestContext,
  address: string,
  secret: string,
): Promise<"signed-in" | "invalid" | "rate-limited"> {
  const headers = { "x-forwarded-for": address };
  const { csrfToken } = (await (await api.get("/api/auth/csrf", { headers })).json()) as {
    csrfToken: string;
  };
  const response = await api.post("/api/auth/callback/credentials", {
    headers,
    form: { csrfToken, email, password: secret, callbackUrl: "/learn" },
    maxRedirects: 0,
  });
  expect(response.status(), await response.text()).toBe(302);
  const location = response.headers()["location"] ?? "";
  if (/code=rate_limited/.test(location)) return "rate-limited";
  if (/error=/.test(location)) return "invalid";
  const session = (await (await api.get("/api/auth/session", { headers })).json()) as {
    user?: { email?: string };
  } | null;
  return session?.user?.email === email ? "signed-in" : "invalid";
}

test("100 failed sign-ins from 34 other addresses do not lock the owner out of theirs", async () => {
  test.setTimeout(600_000);
  const attacker = await request.newContext({ baseURL: server.url });
  const outcomes = new Map<string, number>();
  for (let i = 0; i < 100; i++) {
    const outcome = await signIn(
      attacker,
      ATTACKER_ADDRESSES[i % ATTACKER_ADDRESSES.length]!,
      `wrong password ${i}`,
    );
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  expect(outcomes.get("signed-in") ?? 0).toBe(0);
  await attacker.dispose();

  const owner = await request.newContext({ baseURL: server.url });
  expect(await signIn(owner, OWNER_ADDRESS, password)).toBe("signed-in");
  await owner.dispose();
});

test("the throttle is real: one address that keeps failing is refused even the right password", async () => {
  test.setTimeout(300_000);
  const attacker = await request.newContext({ baseURL: server.url });
  const address = "192.0.2.99";
  // The default SIGNIN_MAX_FAILURES is 5; the sixth try from this (account, address) pair waits.
  for (let i = 0; i < 5; i++) expect(await signIn(attacker, address, `guess ${i}`)).toBe("invalid");
  expect(await signIn(attacker, address, password)).toBe("rate-limited");
  await attacker.dispose();

  // The owner, from their own address, is still let in.
  const owner = await request.newContext({ baseURL: server.url });
  expect(await signIn(owner, OWNER_ADDRESS, password)).toBe("signed-in");
  await owner.dispose();
});
