/**
 * `npm start`: everything a fresh checkout needs, then the production server.
 *   1. checks the Node version, 2. creates data/ and the auth secret if none is configured,
 *   3. applies database migrations, 4. builds the app when the sources changed since the last
 *   build, 5. serves the app on PORT (default 3000) with scripts/server.ts, forwarding SIGTERM and
 *   SIGINT to it (it stops accepting connections and the grader drains its grades in flight before
 *   it exits; see scripts/server.ts and lib/grading/lifecycle.ts).
 * `npm run dev` runs steps 1-3 and then `next dev`.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { applyMigrations } from "../lib/db/migrate.ts";
import { getAuthSecret } from "../lib/auth/secret.ts";
import { env, getDatabaseUrl, ROOT } from "../lib/env.ts";
import { installConsoleLogging } from "../lib/ops/log.ts";

const dev = process.argv.includes("--dev");
// Production logs are JSON lines from the first one (LOG_FORMAT=pretty for readable lines); `npm run dev` keeps plain lines.
if (!dev) {
  process.env.LOG_FORMAT ||= "json";
  installConsoleLogging();
}
const log = (message: string) => console.log(`[serverside] ${message}`);

const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  console.error(`Serverside needs Node.js 24 (found ${process.versions.node}). See README.md, "Node 24".`);
  process.exit(1);
}

getAuthSecret(log);
const applied = await applyMigrations(getDatabaseUrl(), log);
log(
  applied.length ? `applied ${applied.length} migration(s): ${applied.join(", ")}` : "database is up to date",
);

const nextBin = path.join(ROOT, "node_modules/next/dist/bin/next");
// The sandbox's grader workers are separate processes; the web server itself needs no flags.
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

if (!dev) buildIfNeeded();

const port = String(env.PORT);
// Production runs our own http server around Next's handler (scripts/server.ts: the socket's
// address for TRUST_PROXY, and a graceful stop); development keeps `next dev` for hot reload.
const server = dev
  ? spawn(process.execPath, [nextBin, "dev", "-p", port], { cwd: ROOT, env: childEnv, stdio: "inherit" })
  : spawn(process.execPath, ["--disable-warning=ExperimentalWarning", path.join(ROOT, "scripts/server.ts")], {
      cwd: ROOT,
      // Validated by lib/env.ts here: scripts/server.ts runs without dependencies (no zod).
      env: {
        ...childEnv,
        NODE_ENV: "production",
        PORT: port,
        SHUTDOWN_DRAIN_SECONDS: String(env.SHUTDOWN_DRAIN_SECONDS),
      },
      stdio: "inherit",
    });
// Stopping: SIGTERM or SIGINT go on to the server, which stops taking new grades, finishes those in flight
// (at most SHUTDOWN_DRAIN_SECONDS) and exits; we exit with it. package.json runs this file with
// `exec`, so that npm's own forwarding reaches this process rather than a shell that would die
// and leave the server running.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/** Fingerprint of everything that goes into the build (lessons are read at run time, not built). */
function sourceStamp(): string {
  const hash = createHash("sha256");
  const inputs = ["app", "components", "lib", "sandbox", "public"];
  const files = [
    "next.config.js",
    "postcss.config.mjs",
    "tsconfig.json",
    "package-lock.json",
    "prisma/schema.prisma",
    "instrumentation.ts",
  ];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/\.test\.tsx?$/.test(entry.name))
        hash
          .update(`${path.relative(ROOT, full)}\0${fs.readFileSync(full).length}\0`)
          .update(fs.readFileSync(full));
    }
  };
  for (const dir of inputs) walk(path.join(ROOT, dir));
  for (const file of files)
    if (fs.existsSync(path.join(ROOT, file)))
      hash.update(file).update(fs.readFileSync(path.join(ROOT, file)));
  return hash.digest("hex");
}

function buildIfNeeded(): void {
  const stampFile = path.join(ROOT, ".next/serverside-build-stamp");
  const stamp = sourceStamp();
  const built =
    fs.existsSync(path.join(ROOT, ".next/BUILD_ID")) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === stamp;
  if (built) return;
  log("building the app (first start, or the sources changed)...");
  const started = Date.now();
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: ROOT,
    env: childEnv,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error("[serverside] build failed: see the output above.");
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(stampFile, stamp);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
