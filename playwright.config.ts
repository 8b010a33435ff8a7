import { defineConfig } from "@playwright/test";

// End-to-end tests run the real app (`npm start`: migrations, build, `next start`) on its own port
// and its own fresh SQLite file, in Debian's Chromium (Playwright's browser download does not work
// offline). CHROMIUM_PATH overrides the browser location.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATABASE = "./data/e2e.db";
/**
 * The suite server's database: the SQLite file above, or the (empty) PostgreSQL database in
 * E2E_DATABASE_URL, which `npm run test:e2e:pg` sets on a throwaway cluster (scripts/test-e2e-postgres.ts).
 */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || `file:${E2E_DATABASE}`;
const onPostgres = !E2E_DATABASE_URL.startsWith("file:");
/** The SQLite file the run starts by deleting: the one in E2E_DATABASE_URL, not always the default. */
const sqliteFile = `'${E2E_DATABASE_URL.slice("file:".length).split("?")[0]!.replaceAll("'", "'\\''")}'`;
/** The suite server's Prometheus token (e2e/ops.spec.ts scrapes /metrics with it). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-e2e-metrics-token";
/** Where e2e/account.spec.ts runs a real SMTP server (smtp-server) that the app sends reset emails to. */
export const E2E_SMTP_PORT = PORT + 2000;

export default defineConfig({
  testDir: "e2e",
  // Left out of the PostgreSQL run (`npm run test:e2e:pg`), because they never use the suite's server
  // or its database, so running them again there would only repeat the SQLite run:
  // - cluster.spec.ts starts its own PostgreSQL, two servers and nginx (it runs in the SQLite run);
  // - grading-resilience.spec.ts and sign-in-throttle.spec.ts start servers of their own, each on a
  //   fresh SQLite file (flooding, kill -9, restarts, TRUST_PROXY=1).
  testIgnore: onPostgres
    ? ["**/cluster.spec.ts", "**/grading-resilience.spec.ts", "**/sign-in-throttle.spec.ts"]
    : [],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: "list",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // Each run starts from an empty database; `npm start` applies the migrations to it.
    command: onPostgres
      ? "npm start"
      : `rm -f ${sqliteFile} ${sqliteFile}-wal ${sqliteFile}-shm && npm start`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATABASE_URL: E2E_DATABASE_URL,
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      // A low limit so the rate-limit test needs few attempts.
      SIGNIN_MAX_FAILURES: "3",
      // The API rate-limit test (e2e/api.spec.ts) exhausts a key with this many requests.
      API_RATE_LIMIT_PER_MINUTE: "60",
      // Every e2e account signs up from 127.0.0.1; the sign-up limit itself is tested in lib/auth/users.test.ts.
      SIGNUP_MAX_PER_HOUR: "1000",
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      SITE_URL: `http://127.0.0.1:${PORT}`,
      MAIL_FROM: "Serverside e2e <e2e@serverside.test>",
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
