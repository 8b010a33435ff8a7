/**
 * The production HTTP server (`npm start` runs it after migrating and building): Next.js's request
 * handler behind Node's own http server, for two things `next start` cannot do.
 *
 * 1. The client's socket address. Next passes requests on with their headers only, and fills
 *    X-Forwarded-For from the socket only when the client did not send one, so a client could choose
 *    its own address. Here every request gets `x-serverside-socket-address` set from the socket
 *    (replacing anything the client sent under that name); lib/auth/client-address.ts combines it
 *    with X-Forwarded-For only as far as TRUST_PROXY says.
 * 2. Security headers with a per-request CSP nonce (lib/http/security-headers.ts).
 * 3. A graceful stop. On SIGTERM or SIGINT the server stops accepting connections, lets every request
 *    in flight finish (grades included) for up to SHUTDOWN_TIMEOUT_MS, then exits.
 *
 * Runs under Node's own TypeScript type stripping (no loader), so it imports from lib/ only files without dependencies.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import next from "next";
import { NONCE_HEADER, securityHeaders } from "../lib/http/security-headers.ts";

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
  const nonce = randomBytes(16).toString("base64");
  req.headers[NONCE_HEADER] = nonce;
  // Next.js takes the nonce for its own scripts from the request's policy.
  const headers = securityHeaders(nonce, isHttps(req));
  req.headers["content-security-policy"] = headers["Content-Security-Policy"];
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
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

/**
 * Whether the client reached us over HTTPS: our own socket is plain HTTP, so only a trusted proxy's
 * X-Forwarded-Proto can say so (TRUST_PROXY set; nginx sets the header itself, see docs).
 */
function isHttps(req: http.IncomingMessage): boolean {
  const trust = (process.env.TRUST_PROXY ?? "").trim();
  if (!trust || trust === "0" || trust === "false" || trust === "off") return false;
  const proto = req.headers["x-forwarded-proto"];
  return (Array.isArray(proto) ? proto.at(-1) : proto)?.split(",").at(-1)?.trim() === "https";
}

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
