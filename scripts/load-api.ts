/**
 * Load test of the grading API against a running server: C concurrent clients POST grade requests
 * for S seconds, then the database is checked for every accepted submission.
 *   npm run bench:api -- --url http://127.0.0.1:3000 --key ss_live_... [--seconds 20] [--clients 20]
 *   npm run bench:api -- --url ... --user admin@example.com      (creates a key for that user)
 *   --exercise <lesson folder name> (default parse-query-pagination): any one-file exercise of any track
 * DATABASE_URL must point at the server's database, SQLite or PostgreSQL (rows are counted there). The server needs a
 * high API_RATE_LIMIT_PER_MINUTE, or most requests are refused with 429 (counted as errors).
 * Prints p50/p99 latency (also of the first 2 s alone: a server just started shows its cold start
 * there), sustained requests/s, errors; the last line is a JSON object.
 *
 * Where the CPU goes: when the server runs on this machine (found by the port it listens on, or
 * --pid), the CPU time of the server process and of its grader workers is read from
 * /proc/<pid>/stat before and after, and printed per request (Linux only). Then, in the same run,
 * the raw grader: the same exercise's job (built as the API builds it, the same passing and failing
 * submissions) graded through a pool of the server's worker count in this process, for
 * --grader-seconds; the API's requests/s as a share of its grades/s is the overhead of everything
 * around the grader (HTTP, Next.js, auth, rate limit, idempotency, recording). --grader-seconds 0
 * skips it.
 */
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import { parseArgs } from "node:util";
import { createApiKey } from "../lib/api/keys.ts";
import { buildGradeJobFor, getExercise } from "../lib/content/index.ts";
import { db } from "../lib/db.ts";
import { createGrader } from "../sandbox/index.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    key: { type: "string" },
    user: { type: "string" },
    seconds: { type: "string", default: "20" },
    clients: { type: "string", default: "20" },
    exercise: { type: "string", default: "parse-query-pagination" },
    pid: { type: "string" },
    "grader-seconds": { type: "string", default: "10" },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const exercise = values.exercise!;
const base = values.url!.replace(/\/$/, "");
const graderSeconds = Number(values["grader-seconds"]);

// ---- CPU time of processes, from their own counters (/proc/<pid>/stat: utime + stime) ----------
const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux platform Node supports

/** CPU milliseconds a process has used (user + system), or null when it is gone or not Linux. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) out.push(...text.split(" ").map(Number));
    }
  } catch {
    // gone, or no /proc
  }
  return out;
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** The pid of a local process listening on `port` (IPv4 or IPv6), through /proc/net/tcp* and /proc/<pid>/fd. */
function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is hex ip:port; state 0A is LISTEN; the inode is column 9.
      if (cols.length > 9 && cols[3] === "0A" && parseInt(cols[1]!.split(":")[1]!, 16) === port)
        inodes.add(cols[9]!);
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another user's process
    }
    for (const fd of fds) {
      try {
        const link = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1]!)) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/** The server process and its grader workers (descendants running sandbox/worker.ts). */
function serverProcesses(serverPid: number): { server: number[]; workers: number[] } {
  const server = [serverPid];
  const workers: number[] = [];
  const todo = childrenOf(serverPid);
  while (todo.length) {
    const pid = todo.pop()!;
    (commandLine(pid).includes("sandbox/worker") ? workers : server).push(pid);
    todo.push(...childrenOf(pid));
  }
  return { server, workers };
}

/** Sums CPU ms over pids; pids that exited since the first reading are counted from what remains. */
function cpuOf(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== null) out.set(pid, ms);
  }
  return out;
}
function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

let key = values.key;
if (!key) {
  if (!values.user)
    throw new Error("Pass --key <api key> or --user <email of an existing user> to create one.");
  const user = await db.user.findUnique({ where: { email: values.user.toLowerCase() } });
  if (!user) throw new Error(`No user ${values.user}`);
  key = (await createApiKey({ userId: user.id, name: `bench ${new Date().toISOString()}` })).key;
}

// A passing and a failing submission, alternating: both do the full grading work.
// Any one-file exercise of any track: --exercise is the lesson's folder name.
const lessonDir = fs
  .readdirSync("lessons", { withFileTypes: true })
  .filter((track) => track.isDirectory())
  .map((track) => `lessons/${track.name}/${exercise}`)
  .find((dir) => fs.existsSync(`${dir}/solution.ts`) && fs.existsSync(`${dir}/starter.ts`));
if (!lessonDir)
  throw new Error(`No one-file exercise "${exercise}" (lessons/<track>/${exercise}/solution.ts)`);
const solution = fs.readFileSync(`${lessonDir}/solution.ts`, "utf8");
const starter = fs.readFileSync(`${lessonDir}/starter.ts`, "utf8");

const port = Number(new URL(base).port || (base.startsWith("https:") ? 443 : 80));
const serverPid = values.pid ? Number(values.pid) : pidListeningOn(port);
const processes = serverPid ? serverProcesses(serverPid) : null;
const cpuBefore = processes ? { server: cpuOf(processes.server), workers: cpuOf(processes.workers) } : null;
const clientCpuBefore = process.cpuUsage();

const latencies: number[] = [];
/** Latencies of requests sent in the first 2 s: a server just started answers them cold. */
const firstLatencies: number[] = [];
const accepted: string[] = [];
const errors = new Map<string, number>();
const deadline = performance.now() + seconds * 1000;
const started = performance.now();
let sent = 0;

// A thin client, so that its own CPU (on the same 2 cores as the server) stays small: node:http with
// kept-alive connections, one per client, and the two request bodies serialised once. (Measured on
// this exercise: fetch cost 3.6 ms of client CPU per request, node:http 1.4 ms.)
const target = new URL(`${base}/api/v1/exercises/${exercise}/grade`);
const transport = target.protocol === "https:" ? https : http;
const agent = new transport.Agent({ keepAlive: true, maxSockets: clients });
const bodies = [solution, starter].map((code) => Buffer.from(JSON.stringify({ code, mode: "submit" })));
const requestHeaders = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };

/** One POST: the status and the parsed JSON body. */
function post(body: Buffer): Promise<{ status: number; body: { submissionId?: string; code?: string } }> {
  return new Promise((resolve, reject) => {
    const request = transport.request(
      target,
      { method: "POST", agent, headers: { ...requestHeaders, "Content-Length": body.length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          try {
            resolve({
              status: response.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
            });
          } catch (error) {
            reject(error as Error);
          }
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function client(index: number) {
  for (let i = 0; performance.now() < deadline; i++) {
    const t0 = performance.now();
    sent++;
    try {
      // Passing (solution) and failing (starter) alternate.
      const { status, body } = await post(bodies[(index + i) % 2 ? 1 : 0]!);
      latencies.push(performance.now() - t0);
      if (t0 - started < 2000) firstLatencies.push(performance.now() - t0);
      if (status === 201 && body.submissionId) accepted.push(body.submissionId);
      else errors.set(`${status} ${body.code ?? ""}`, (errors.get(`${status} ${body.code ?? ""}`) ?? 0) + 1);
    } catch (error) {
      latencies.push(performance.now() - t0);
      const name = `network ${(error as Error).message}`;
      errors.set(name, (errors.get(name) ?? 0) + 1);
    }
  }
}

await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
agent.destroy();
const elapsed = (performance.now() - started) / 1000;
const clientCpu = process.cpuUsage(clientCpuBefore);
// Read once the load stopped: processes started meanwhile (a replaced worker) count from zero.
const cpuAfter =
  processes && serverPid
    ? { server: cpuOf(serverProcesses(serverPid).server), workers: cpuOf(serverProcesses(serverPid).workers) }
    : null;

latencies.sort((a, b) => a - b);
firstLatencies.sort((a, b) => a - b);
const percentileOf = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const percentile = (p: number) => percentileOf(latencies, p);

// Every accepted submission must be in the database.
let recorded = 0;
for (let i = 0; i < accepted.length; i += 500) {
  recorded += await db.submission.count({ where: { id: { in: accepted.slice(i, i + 500) } } });
}

const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
const answered = latencies.length;
const perRequest = (ms: number) => Number((ms / Math.max(1, answered)).toFixed(2));
const cpu =
  cpuBefore && cpuAfter
    ? {
        serverMsPerRequest: perRequest(cpuSpent(cpuBefore.server, cpuAfter.server)),
        workersMsPerRequest: perRequest(cpuSpent(cpuBefore.workers, cpuAfter.workers)),
        workers: cpuAfter.workers.size,
      }
    : null;
const clientMsPerRequest = perRequest((clientCpu.user + clientCpu.system) / 1000);

// ---- the raw grader, same exercise, same machine, right after ---------------------------------
let grader: {
  gradesPerSecond: number;
  workers: number;
  workerCpuMsPerGrade: number | null;
  tests: number;
} | null = null;
if (graderSeconds > 0) {
  const found = await getExercise(exercise);
  if (!found) throw new Error(`No exercise ${exercise}`);
  const jobs = [buildGradeJobFor(found, solution, "submit"), buildGradeJobFor(found, starter, "submit")];
  const workers = cpu?.workers || os.availableParallelism();
  const pool = createGrader({ workers });
  try {
    await pool.whenReady();
    for (let i = 0; i < workers * 4; i++) await pool.grade(jobs[i % 2]!); // warm, as the server's pool was warmed
    const pids = pool.workerPids();
    const before = cpuOf(pids);
    const stopAt = performance.now() + graderSeconds * 1000;
    const gStarted = performance.now();
    let graded = 0;
    let tests = 0;
    await Promise.all(
      Array.from({ length: workers * 2 }, async (_, c) => {
        for (let i = c; performance.now() < stopAt; i++) {
          const r = await pool.grade(jobs[i % 2]!);
          if (r.status === "error")
            throw new Error(`the raw grader failed: ${JSON.stringify(r).slice(0, 300)}`);
          tests = Math.max(tests, r.tests.length);
          graded++;
        }
      }),
    );
    const gElapsed = (performance.now() - gStarted) / 1000;
    const spent = cpuSpent(before, cpuOf(pids));
    grader = {
      gradesPerSecond: Number((graded / gElapsed).toFixed(1)),
      workers,
      workerCpuMsPerGrade: before.size ? Number((spent / graded).toFixed(2)) : null,
      tests,
    };
  } finally {
    await pool.close();
  }
}

const figures = {
  clients,
  seconds: Number(elapsed.toFixed(1)),
  requests: sent,
  accepted: accepted.length,
  errors: errorCount,
  errorKinds: Object.fromEntries(errors),
  requestsPerSecond: Number((latencies.length / elapsed).toFixed(1)),
  p50Ms: Number(percentile(50).toFixed(1)),
  p99Ms: Number(percentile(99).toFixed(1)),
  maxMs: Number((latencies.at(-1) ?? 0).toFixed(1)),
  firstRequests: firstLatencies.length,
  firstP99Ms: Number(percentileOf(firstLatencies, 99).toFixed(1)),
  recorded,
  allRecorded: recorded === accepted.length,
  cpu: cpu ? { ...cpu, clientMsPerRequest } : { clientMsPerRequest },
  grader,
  apiToGrader: grader ? Number((latencies.length / elapsed / grader.gradesPerSecond).toFixed(2)) : null,
  loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
};
console.log(
  `${clients} clients, ${figures.seconds} s against ${base}: ${figures.requests} requests, ${figures.accepted} accepted, ${figures.errors} errors`,
);
console.log(
  `latency p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms; ${figures.requestsPerSecond} requests/s sustained`,
);
console.log(`first 2 s: ${figures.firstRequests} requests, p99 ${figures.firstP99Ms} ms`);
if (cpu) {
  console.log(
    `CPU per request: server ${cpu.serverMsPerRequest} ms (pid ${serverPid}), ${cpu.workers} grader worker(s) ${cpu.workersMsPerRequest} ms, this load client ${clientMsPerRequest} ms`,
  );
} else {
  console.log(
    `CPU per request: server not found on port ${port} (pass --pid); this load client ${clientMsPerRequest} ms`,
  );
}
if (grader) {
  console.log(
    `raw grader, same exercise (${grader.tests} tests), ${grader.workers} worker(s), ${graderSeconds} s: ${grader.gradesPerSecond} grades/s` +
      `${grader.workerCpuMsPerGrade !== null ? `, worker CPU ${grader.workerCpuMsPerGrade} ms per grade` : ""}; API requests/s = ${figures.apiToGrader}x grader grades/s`,
  );
}
console.log(`load average ${figures.loadAverage.join(" ")}`);
console.log(
  `database: ${recorded} of ${accepted.length} accepted submissions recorded${figures.allRecorded ? "" : "  <-- MISSING"}`,
);
console.log(JSON.stringify(figures));
await db.$disconnect();
process.exit(figures.allRecorded && errorCount === 0 ? 0 : 1);
