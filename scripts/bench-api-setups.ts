/**
 * `npm run bench:api:setups`: runs `npm run bench:api` (scripts/load-api.ts) against setups this
 * script starts and removes itself, one after the other, so figures compare like with like:
 *   npm run bench:api:setups -- [--setups sqlite:1,postgresql:1,postgresql:2] [--seconds 20] [--clients 20]
 * A setup is <database>:<servers>. sqlite: a fresh SQLite file; postgresql: a throwaway cluster
 * (lib/db/throwaway-postgres.ts). Each server is `npm start` on a free port; with two or more servers
 * (or --nginx) Debian's nginx runs deploy/nginx.conf in front of them and the load goes through it.
 * The grader workers are split between the servers (SANDBOX_WORKERS = CPUs / servers, at least 1), so
 * every setup has the same sandbox capacity on this one machine. Prints one line per setup and a JSON
 * summary. Build first (`npm start` once): a server that has to build is refused.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort, startThrowawayPostgres, type ThrowawayPostgres } from "../lib/db/throwaway-postgres.ts";

const { values } = parseArgs({
  options: {
    setups: { type: "string", default: "sqlite:1,postgresql:1,postgresql:2" },
    seconds: { type: "string", default: "20" },
    clients: { type: "string", default: "20" },
    nginx: { type: "boolean", default: false },
  },
});
const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";
const cpus = os.availableParallelism();

type Setup = { database: "sqlite" | "postgresql"; servers: number };
const setups: Setup[] = values.setups!.split(",").map((text) => {
  const [database, servers = "1"] = text.trim().split(":");
  if (database !== "sqlite" && database !== "postgresql")
    throw new Error(`unknown database in --setups: ${text}`);
  const n = Number(servers);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`servers must be 1-8: ${text}`);
  if (database === "sqlite" && n > 1)
    throw new Error("SQLite serves one app server (one process); use postgresql for several");
  return { database, servers: n };
});

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
// Interrupted (Ctrl-C, SIGTERM) or not, nothing this script started stays behind.
process.on("exit", () => {
  for (const child of children) killGroup(child);
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

async function startServer(
  databaseUrl: string,
  workers: number,
  behindProxy: boolean,
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn("npm", ["start", "--silent"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret-bench",
      TRUST_PROXY: behindProxy ? "1" : "",
      SANDBOX_WORKERS: String(workers),
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      GRADER_MAX_PENDING_PER_USER: "1000",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  children.add(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 300_000;
  // Ready when /api/ready says so (database reachable, grader warm).
  for (;;) {
    if (output.includes("building the app"))
      throw new Error("the app needs a build first: run `npm start` once");
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`server did not start:\n${output.slice(-3000)}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { port, child };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function startNginx(ports: number[]): Promise<{ base: string; child: ChildProcess; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-bench-nginx-"));
  tempDirs.add(dir);
  fs.chmodSync(dir, 0o777);
  const listen = await freePort();
  let site = fs.readFileSync("deploy/nginx.conf", "utf8");
  site = site.replace(
    /(\s*server 127\.0\.0\.1:300\d[^\n]*\n)+/,
    `\n${ports.map((p) => `    server 127.0.0.1:${p} max_fails=2 fail_timeout=5s;`).join("\n")}\n`,
  );
  site = site.replace(/listen 80;/, `listen 127.0.0.1:${listen};`).replace(/\s*listen \[::\]:80;/, "");
  const config = [
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    "worker_processes 1;",
    "events { worker_connections 1024; }",
    "http {",
    "  access_log off;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
      (name) => `  ${name}_temp_path ${dir}/${name};`,
    ),
    site,
    "}",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "nginx.conf"), config);
  const child = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], {
    detached: true,
    stdio: "ignore",
  });
  children.add(child);
  const base = `http://127.0.0.1:${listen}`;
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`nginx did not start: ${fs.readFileSync(path.join(dir, "error.log"), "utf8")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { base, child, dir };
}

type Figures = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  accepted: number;
  errors: number;
  allRecorded: boolean;
};
const results: (Setup & {
  viaNginx: boolean;
  workersPerServer: number;
  loadBefore: number[];
  figures: Figures | null;
})[] = [];

for (const setup of setups) {
  const viaNginx = setup.servers > 1 || values.nginx!;
  const workers = Math.max(1, Math.floor(cpus / setup.servers));
  let cluster: ThrowawayPostgres | null = null;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-bench-"));
  tempDirs.add(tmp);
  let nginxDir = "";
  const started: ChildProcess[] = [];
  try {
    let databaseUrl = `file:${path.join(tmp, "bench.db")}`;
    if (setup.database === "postgresql") {
      const pg = await startThrowawayPostgres();
      if ("skip" in pg) throw new Error(pg.skip);
      cluster = pg;
      databaseUrl = await pg.createDatabase("serverside_bench");
    }
    const servers = [];
    // One at a time: the first migrates the empty database.
    for (let i = 0; i < setup.servers; i++) servers.push(await startServer(databaseUrl, workers, viaNginx));
    started.push(...servers.map((s) => s.child));
    let base = `http://127.0.0.1:${servers[0]!.port}`;
    if (viaNginx) {
      const proxy = await startNginx(servers.map((s) => s.port));
      started.push(proxy.child);
      nginxDir = proxy.dir;
      base = proxy.base;
    }
    const email = `bench-${Date.now().toString(36)}@example.com`;
    const out = execFileSync(
      process.execPath,
      [
        "--disable-warning=ExperimentalWarning",
        "--no-node-snapshot",
        "--conditions=react-server",
        "--import",
        "tsx",
        "e2e/support/create-learner-keys.ts",
        email,
      ],
      { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" },
    );
    const key = (JSON.parse(out.trim().split("\n").pop()!) as Record<string, string>)[email]!;
    // Warm-up: each server's grade route and workers answer once before the clock starts.
    const solution = fs.readFileSync("lessons/http/parse-query-pagination/solution.ts", "utf8");
    for (let i = 0; i < setup.servers * 2; i++) {
      await fetch(`${base}/api/v1/exercises/parse-query-pagination/grade`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ code: solution, mode: "run" }),
      }).then((r) => r.arrayBuffer());
    }
    const loadBefore = os.loadavg().map((n) => Number(n.toFixed(2)));
    const label = `${setup.database} x${setup.servers}${viaNginx ? " behind nginx" : ""} (${workers} worker(s) each)`;
    console.log(`\n=== ${label}: load average ${loadBefore.join(", ")}`);
    // Asynchronously: this process must keep reading the servers' log pipes, or a full pipe stalls
    // the servers' (synchronous) log writes and the figures measure that.
    const benchArgs = [
      "run",
      "--silent",
      "bench:api",
      "--",
      "--url",
      base,
      "--key",
      key,
      "--seconds",
      values.seconds!,
      "--clients",
      values.clients!,
    ];
    const bench = spawn("npm", benchArgs, {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let benchOut = "";
    bench.stdout!.on("data", (chunk: Buffer) => {
      benchOut += chunk.toString();
      process.stdout.write(chunk);
    });
    const status = await new Promise<number | null>((resolve) => bench.on("exit", resolve));
    const last = benchOut.trim().split("\n").pop() ?? "";
    let figures: Figures | null = null;
    try {
      figures = JSON.parse(last) as Figures;
    } catch {
      console.log(`bench:api printed no figures (exit ${status})`);
    }
    results.push({ ...setup, viaNginx, workersPerServer: workers, loadBefore, figures });
  } finally {
    for (const child of started) killGroup(child);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const child of started) children.delete(child);
    cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    if (nginxDir) fs.rmSync(nginxDir, { recursive: true, force: true });
  }
}

console.log(
  "\nsetup                      req/s   p50 ms   p99 ms  accepted  errors  load avg (1 min) before",
);
for (const r of results) {
  const f = r.figures;
  const name = `${r.database} x${r.servers}${r.viaNginx ? " nginx" : ""}`.padEnd(24);
  console.log(
    `${name} ${String(f?.requestsPerSecond ?? "-").padStart(7)} ${String(f?.p50Ms ?? "-").padStart(8)} ${String(f?.p99Ms ?? "-").padStart(8)} ${String(f?.accepted ?? "-").padStart(9)} ${String(f?.errors ?? "-").padStart(7)}  ${r.loadBefore[0]}`,
  );
}
console.log(JSON.stringify({ cpus, results }));
process.exit(results.every((r) => r.figures?.allRecorded && r.figures.errors === 0) ? 0 : 1);
