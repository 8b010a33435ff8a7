/**
 * Load test of the grading API against a running server: C concurrent clients POST grade requests
 * for S seconds, then the database is checked for every accepted submission.
 *   npm run bench:api -- --url http://127.0.0.1:3000 --key ss_live_... [--seconds 20] [--clients 20]
 *   npm run bench:api -- --url ... --user admin@example.com      (creates a key for that user)
 * DATABASE_URL must point at the server's database, SQLite or PostgreSQL (rows are counted there). The server needs a
 * high API_RATE_LIMIT_PER_MINUTE, or most requests are refused with 429 (counted as errors).
 * Prints p50/p99 latency, sustained requests/s, errors; the last line is a JSON object.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createApiKey } from "../lib/api/keys.ts";
import { db } from "../lib/db.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    key: { type: "string" },
    user: { type: "string" },
    seconds: { type: "string", default: "20" },
    clients: { type: "string", default: "20" },
    exercise: { type: "string", default: "parse-query-pagination" },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const exercise = values.exercise!;
const base = values.url!.replace(/\/$/, "");

let key = values.key;
if (!key) {
  if (!values.user) throw new Error("Pass --key <api key> or --user <email of an existing user> to create one.");
  const user = await db.user.findUnique({ where: { email: values.user.toLowerCase() } });
  if (!user) throw new Error(`No user ${values.user}`);
  key = (await createApiKey({ userId: user.id, name: `bench ${new Date().toISOString()}` })).key;
}

// A passing and a failing submission, alternating: both do the full grading work.
const solution = fs.readFileSync(`lessons/http/${exercise}/solution.ts`, "utf8");
const starter = fs.readFileSync(`lessons/http/${exercise}/starter.ts`, "utf8");

const latencies: number[] = [];
const accepted: string[] = [];
const errors = new Map<string, number>();
const deadline = performance.now() + seconds * 1000;
const started = performance.now();
let sent = 0;

async function client(index: number) {
  for (let i = 0; performance.now() < deadline; i++) {
    const t0 = performance.now();
    sent++;
    try {
      const response = await fetch(`${base}/api/v1/exercises/${exercise}/grade`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ code: (index + i) % 2 ? starter : solution, mode: "submit" }),
      });
      const body = (await response.json()) as { submissionId?: string; code?: string };
      latencies.push(performance.now() - t0);
      if (response.status === 201 && body.submissionId) accepted.push(body.submissionId);
      else errors.set(`${response.status} ${body.code ?? ""}`, (errors.get(`${response.status} ${body.code ?? ""}`) ?? 0) + 1);
    } catch (error) {
      latencies.push(performance.now() - t0);
      const name = `network ${(error as Error).message}`;
      errors.set(name, (errors.get(name) ?? 0) + 1);
    }
  }
}

await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
const elapsed = (performance.now() - started) / 1000;

latencies.sort((a, b) => a - b);
const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;

// Every accepted submission must be in the database.
let recorded = 0;
for (let i = 0; i < accepted.length; i += 500) {
  recorded += await db.submission.count({ where: { id: { in: accepted.slice(i, i + 500) } } });
}

const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
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
  recorded,
  allRecorded: recorded === accepted.length,
};
console.log(`${clients} clients, ${figures.seconds} s against ${base}: ${figures.requests} requests, ${figures.accepted} accepted, ${figures.errors} errors`);
console.log(`latency p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms; ${figures.requestsPerSecond} requests/s sustained`);
console.log(`database: ${recorded} of ${accepted.length} accepted submissions recorded${figures.allRecorded ? "" : "  <-- MISSING"}`);
console.log(JSON.stringify(figures));
await db.$disconnect();
process.exit(figures.allRecorded && errorCount === 0 ? 0 : 1);
