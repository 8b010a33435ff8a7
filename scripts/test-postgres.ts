/**
 * `npm run test:pg`: the unit tests that use the database (those calling testDatabaseUrl from
 * lib/db/test-database.ts), run again on PostgreSQL: a throwaway cluster (lib/db/throwaway-postgres.ts)
 * is started, TEST_POSTGRES_URL points the tests at it, and it is removed afterwards. Without
 * PostgreSQL's binaries it says so and exits 0 (`.ci/run` installs them, so CI always runs this).
 * Extra arguments: test files to run instead of all of them.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startThrowawayPostgres } from "../lib/db/throwaway-postgres.ts";

const ROOT = process.cwd();

function databaseTests(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "generated") walk(full);
      else if (entry.name.endsWith(".test.ts") && /\btestDatabaseUrl\(/.test(fs.readFileSync(full, "utf8")))
        found.push(path.relative(ROOT, full));
    }
  };
  for (const dir of ["lib", "scripts"]) walk(path.join(ROOT, dir));
  return found.sort();
}

const files = process.argv.slice(2).length ? process.argv.slice(2) : databaseTests();
const cluster = await startThrowawayPostgres();
if ("skip" in cluster) {
  console.log(`[test:pg] SKIPPED: ${cluster.skip}`);
  process.exit(0);
}
console.log(`[test:pg] PostgreSQL on port ${cluster.port}; running ${files.join(", ")}`);
const result = spawnSync("sh", ["scripts/node.sh", "--test", "--test-reporter=spec", ...files], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, TEST_POSTGRES_URL: cluster.serverUrl },
});
cluster.stop();
process.exit(result.status ?? 1);
