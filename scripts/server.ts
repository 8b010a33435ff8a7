/**
 * The production HTTP server (`npm start` runs it after migrating and building): Next.js's request
 * handler behind Node's own http server, for two things `next start` cannot do.
 *
 * 1. The client's socket address. Next passes requests on with their headers only, and fills
 *    X-Forwarded-For from the socket only when the client did not send one, so a client could choose
 *    its own address. Here every request gets `x-serverside-socket-address` set from the socket
 *    (replacing anything the client sent under that name); lib/auth/client-address.ts combines it
 *    with X-Forwarded-For only as far as TRUST_PROXY says.
 * 2. A graceful stop. On SIGTERM or SIGINT the server stops accepting connections, lets every request
 *    in flight finish (grades included) for up to SHUTDOWN_TIMEOUT_MS, then exits.
 *
 * Runs under Node's own TypeScript type stripping (no loader), so it imports nothing from lib/.
 */
import http from "node:http";
import next from "next";

/** The header carrying the socket address (set here, never trusted from a client). */
export const SOCKET_ADDRESS_HEADER = "x-serverside-socket-address";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 30_000);
const log = (message: string) => console.log(`[serverside] ${message}`);

const app = next({ dev: false, dir: process.cwd(), port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

let inFlight = 0;
let stopping = false;
const server = http.createServer((req, res) => {
  inFlight++;
  res.on("close", () => {
    inFlight--;
    if (stopping && inFlight === 0) finish();
  });
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  if (stopping) res.setHeader("Connection", "close");
  handle(req, res).catch((error: unknown) => {
    console.error("[serverside] request failed", error);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
    res.end("Internal Server Error");
  });
});
// Slowloris-style clients cannot hold a connection forever before sending their headers.
server.headersTimeout = 20_000;
server.requestTimeout = 120_000;
server.listen(port, hostname, () => log(`ready on http://${hostname ?? "localhost"}:${port}`));

function finish(): void {
  log("stopped: every request in flight was answered");
  process.exit(0);
}

function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  log(`${signal}: no new connections; finishing ${inFlight} request(s) in flight (at most ${shutdownTimeoutMs} ms)`);
  server.close();
  server.closeIdleConnections();
  if (inFlight === 0) finish();
  setTimeout(() => {
    log(`stopping with ${inFlight} request(s) still in flight after ${shutdownTimeoutMs} ms`);
    process.exit(1);
  }, shutdownTimeoutMs).unref();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
