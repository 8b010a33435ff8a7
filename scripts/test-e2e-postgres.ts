/**
 * `npm run test:e2e:pg`: the Playwright suite again, its server (`npm start`) on PostgreSQL: a
 * throwaway cluster (lib/db/throwaway-postgres.ts) with an empty database that the server migrates,
 * named in E2E_DATABASE_URL (playwright.config.ts), removed afterwards. The last step of `npm test`.
 * The specs that never use the suite's server (cluster, grading-resilience,
 * sign-in-throttle start servers and databases of their own) are left out, with the reason, in
 * playwright.config.ts's testIgnore. Without PostgreSQL's binaries it says so and exits 0 (`.ci/run`
 * installs them). Extra arguments go to `playwright test`.
 */
import { spawn } from "node:child_process";
import { startThrowawayPostgres } from "../lib/db/throwaway-postgres.ts";

const cluster = await startThrowawayPostgres();
if ("skip" in cluster) {
  console.log(`[test:e2e:pg] SKIPPED: ${cluster.skip}`);
  process.exit(0);
}
const url = await cluster.createDatabase("serverside_e2e");
console.log(`[test:e2e:pg] PostgreSQL on port ${cluster.port}`);
const child = spawn("npx", ["playwright", "test", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, E2E_DATABASE_URL: url },
});
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
const code = await new Promise<number>((resolve) =>
  child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0))),
);
cluster.stop();
process.exit(code);
