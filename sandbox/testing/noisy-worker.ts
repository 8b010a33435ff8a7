/**
 * A stand-in grader worker for the pool's tests: it speaks the worker protocol and prints
 * `NOISY_WORKER_BYTES` bytes to stderr before answering each job (as sql.js's legacy functions once
 * printed 415 MB of warnings), then answers "pass".
 */
import type { WorkerReply, WorkerRequest } from "../pool.ts";

const bytes = Number(process.env.NOISY_WORKER_BYTES ?? 0);
const line = `${"warning: deprecated function called ".repeat(6)}\n`;
const send = (message: WorkerReply) => process.send?.(message);

process.on("message", (request: WorkerRequest) => {
  const chunk = line.repeat(Math.ceil(65_536 / line.length));
  for (let written = 0; written < bytes; written += chunk.length) process.stderr.write(chunk);
  send({ type: "result", id: request.id, result: { version: 1, status: "pass", tests: [], durationMs: 0 } });
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
