/**
 * Runs a pool of noisy workers (noisy-worker.ts) for pool.test.ts, in a process of its own so the
 * test can measure what reaches this process's stderr. Prints the pool's stats as JSON on stdout.
 */
import path from "node:path";
import { WorkerPool } from "../pool.ts";
import { resolveLimits } from "../limits.ts";

const pool = new WorkerPool({ workers: 1, workerPath: path.join(import.meta.dirname, "noisy-worker.ts") });
const job = { kind: "code" as const, language: "ts" as const, code: "", tests: [] };
const results = [];
for (let i = 0; i < 3; i++) {
  results.push(await pool.run(job, resolveLimits()));
  // The worker may still be flushing what it printed after it answered; let it come through the gate.
  await new Promise((resolve) => setTimeout(resolve, 500));
}
process.stdout.write(`${JSON.stringify({ statuses: results.map((r) => r.status), stats: pool.stats() })}\n`);
await pool.close();
