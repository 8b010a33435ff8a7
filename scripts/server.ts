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
 * 3. Clear 4xx answers for requests Next.js would fail with a 500: methods it does not route (TRACE,
 *    QUERY ...) get 405 with a true Allow; Server Action posts from another origin get 403, bodies over
 *    the 1 MB limit 413, bodies that are not the JSON an action call sends 400.
 * 4. Operations: a request id per request (X-Request-Id, kept from a trusted proxy), one JSON log
 *    line per request and every console line as JSON carrying it (lib/ops/log.ts), and Prometheus
 *    metrics at /metrics when METRICS_TOKEN is set (lib/ops/metrics.ts).
 * 5. A graceful stop. On SIGTERM or SIGINT the server stops accepting connections, lets every request
 *    in flight finish (grades included) for up to SHUTDOWN_DRAIN_SECONDS + 5 s, then exits.
 * 5. A warm start. Next.js runs instrumentation.ts (the grader's pool, the lessons) on the first request
 *    in production; here one private request does that before the port opens (warmUp below).
 *
 * Runs under Node's own TypeScript type stripping (no loader), so it imports from lib/ only files without dependencies.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import next from "next";
import { allowHeader, findApiRoute, ROUTABLE_METHODS } from "../lib/http/api-routes.ts";
import { NONCE_HEADER, securityHeaders } from "../lib/http/security-headers.ts";
import { applyHttpTimeouts } from "./http-timeouts.ts";
import { chooseRequestId, getLogger, installConsoleLogging, runWithRequestId } from "../lib/ops/log.ts";
import { getMetrics, routeLabel } from "../lib/ops/metrics.ts";

/** The header carrying the socket address (set here, never trusted from a client). */
export const SOCKET_ADDRESS_HEADER = "x-serverside-socket-address";

// PORT and SHUTDOWN_DRAIN_SECONDS come validated from scripts/start.ts (lib/env.ts), which starts this file.
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;
// A little longer than the grader's drain (SHUTDOWN_DRAIN_SECONDS, lib/grading), which answers what it cannot finish.
const shutdownTimeoutMs = (Number(process.env.SHUTDOWN_DRAIN_SECONDS ?? 30) + 5) * 1000;
installConsoleLogging();
const log = (message: string) => console.log(`[serverside] ${message}`);
const metricsToken = process.env.METRICS_TOKEN?.trim() || null;
const metrics = getMetrics();

const app = next({ dev: false, dir: process.cwd(), port, hostname });
const handle = app.getRequestHandler();
await app.prepare();

let inFlight = 0;
let stopping = false;
const server = http.createServer((req, res) => {
  inFlight++;
  const startedAt = performance.now();
  const requestId = chooseRequestId(req.headers["x-request-id"], trustsProxy());
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);
  res.on("close", () => {
    inFlight--;
    recordRequest(req, res, requestId, startedAt);
    if (stopping && inFlight === 0) finish();
  });
  runWithRequestId(requestId, () => serve(req, res));
});

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  const nonce = randomBytes(16).toString("base64");
  req.headers[NONCE_HEADER] = nonce;
  // Next.js takes the nonce for its own scripts from the request's policy.
  const headers = securityHeaders(nonce, isHttps(req));
  req.headers["content-security-policy"] = headers["Content-Security-Policy"];
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (stopping) res.setHeader("Connection", "close");
  const pass = (request: http.IncomingMessage) =>
    handle(request, res).catch((error: unknown) => {
      console.error("[serverside] request failed", error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("Internal Server Error");
    });
  if (!ROUTABLE_METHODS.has(req.method ?? "")) return refuseMethod(req, res);
  if (!decodablePath(req.url)) return refuseBadPath(req, res);
  if (metricsToken && (req.url ?? "").split("?")[0] === "/metrics")
    return serveMetrics(req, res, metricsToken);
  if (req.method === "POST" && req.headers["next-action"] !== undefined) {
    checkServerAction(req, res).then(
      (checked) => checked && pass(checked),
      (error: unknown) => {
        console.error("[serverside] reading a Server Action request failed", error);
        if (!res.headersSent) plain(res, 400, "The request body could not be read.");
      },
    );
    return;
  }
  pass(req);
}

/** One log line and one histogram sample per request (path only: query strings can hold tokens). */
function recordRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  requestId: string,
  startedAt: number,
): void {
  const seconds = (performance.now() - startedAt) / 1000;
  const pathname = (req.url ?? "/").split("?")[0];
  const status = res.writableFinished ? res.statusCode : 499;
  const route = routeLabel(
    pathname,
    pathname.startsWith("/api/v1/") ? (findApiRoute(pathname)?.path ?? null) : null,
  );
  const method = ROUTABLE_METHODS.has(req.method ?? "") ? req.method! : "OTHER";
  metrics.httpDuration.observe({ method, route, status: String(status) }, seconds);
  getLogger().info(
    {
      requestId,
      method: req.method,
      path: pathname.slice(0, 300),
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
    },
    "request",
  );
}

/** Prometheus text for `Authorization: Bearer <METRICS_TOKEN>`; 401 for anything else. */
function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse, token: string): void {
  req.resume();
  const sent = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
  // Compared as digests in constant time: the token's length and prefix leak nothing.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  if (!timingSafeEqual(digest(sent), digest(token))) {
    return plain(res, 401, "Metrics need Authorization: Bearer <METRICS_TOKEN>.", {
      "WWW-Authenticate": 'Bearer realm="metrics"',
    });
  }
  metrics.registry.metrics().then(
    (text) => {
      res.writeHead(200, { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" });
      res.end(text);
    },
    (error: unknown) => {
      console.error("[serverside] collecting metrics failed", error);
      plain(res, 500, "Collecting metrics failed.");
    },
  );
}
applyHttpTimeouts(server);
await warmUp();
server.listen(port, hostname, () => log(`ready on http://${hostname ?? "localhost"}:${port}`));

/**
 * In production Next.js prepares its server, which runs instrumentation.ts (the grader's pool and
 * its warm-up, the lessons), on the first request it handles, and every request that arrives
 * meanwhile waits: the first grades after a start took 20-30 s on a busy machine. So one request
 * goes through Next's handler on a private loopback socket before the real port opens.
 */
async function warmUp(): Promise<void> {
  const started = performance.now();
  const local = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("[serverside] warm-up request failed", error);
      res.end();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => local.once("error", reject).listen(0, "127.0.0.1", resolve));
    const address = local.address();
    if (address === null || typeof address === "string") return;
    const base = `http://127.0.0.1:${address.port}`;
    const response = await fetch(`${base}/api/v1/openapi.json`, { signal: AbortSignal.timeout(120_000) });
    await response.arrayBuffer();
    // Each route is its own bundle, loaded on its first request: load the grading route's too (a
    // request without a key: 401 before any database or grader work).
    const grade = await fetch(`${base}/api/v1/exercises/warm-up/grade`, {
      method: "POST",
      signal: AbortSignal.timeout(60_000),
    });
    await grade.arrayBuffer();
    log(`warmed up in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    // Never a reason not to start: the first requests are then just slower.
    console.error("[serverside] warm-up failed", error);
  } finally {
    local.close();
  }
}

const ACTION_BODY_LIMIT = 1024 * 1024; // Next.js's default serverActions.bodySizeLimit
const MAX_JSON_DEPTH = 64;

function plain(
  res: http.ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(`${message}\n`);
}

/** False when the path has a %-escape that does not decode (a lone "%", bytes that are not UTF-8). */
function decodablePath(url: string | undefined): boolean {
  try {
    decodeURIComponent((url ?? "/").split("?")[0]!);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path that does not decode: 400 saying so (problem+json under /api/). Next.js would fail on it
 * with a 500 while decoding a dynamic segment (/learn/http/%ff, /api/v1/exercises/%C0%AE).
 */
function refuseBadPath(req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  const detail = "The address is not valid: a %-escape in its path is not UTF-8 (write % itself as %25).";
  if (!(req.url ?? "").startsWith("/api/")) return plain(res, 400, detail);
  res.writeHead(400, { "Content-Type": "application/problem+json", "Cache-Control": "no-store" });
  res.end(
    JSON.stringify({
      type: "/docs/api#error-invalid_path",
      title: "Invalid path",
      status: 400,
      code: "invalid_path",
      detail,
    }),
  );
}

/** A method Next.js does not route: 405 with what the path does allow (problem+json under /api/v1). */
function refuseMethod(req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume();
  const pathname = (req.url ?? "/").split("?")[0];
  if (!pathname.startsWith("/api/v1/"))
    return plain(res, 405, `${req.method} is not supported here.`, { Allow: "GET, HEAD, POST" });
  const route = findApiRoute(pathname);
  const status = route ? 405 : 404;
  const code = route ? "method_not_allowed" : "not_found";
  const allow = route ? allowHeader(route.methods) : undefined;
  const detail = route
    ? `This endpoint supports ${allow}.`
    : `There is no endpoint ${req.method} ${pathname}. See /api/v1/openapi.json.`;
  res.writeHead(status, {
    "Content-Type": "application/problem+json",
    "Cache-Control": "no-store",
    ...(allow ? { Allow: allow } : {}),
  });
  res.end(
    JSON.stringify({
      type: `/docs/api#error-${code}`,
      title: route ? "Method not allowed" : "Not found",
      status,
      code,
      detail,
    }),
  );
}

/**
 * Checks a Server Action call before Next.js runs it, answering what Next would turn into a 500:
 * a foreign Origin (403, as a CSRF attempt), a body over the limit (413), a body that is not the JSON
 * React's action calls send, or nested deeper than any of ours (400). Returns the request to pass on
 * (the body is read here, so a copy with the same body), or null when it has been answered.
 */
async function checkServerAction(
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<http.IncomingMessage | null> {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // an Origin that is not a URL is foreign
    }
    if (originHost !== expectedHost(req)) {
      req.resume();
      plain(
        res,
        403,
        "This form was sent from another site, so it was refused. Reload the page on this site and try again.",
      );
      return null;
    }
  }
  if (Number(req.headers["content-length"] ?? 0) > ACTION_BODY_LIMIT) {
    req.resume();
    plain(res, 413, "The request is larger than 1 MB.", { Connection: "close" });
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > ACTION_BODY_LIMIT) {
      plain(res, 413, "The request is larger than 1 MB.", { Connection: "close" });
      req.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const type = String(req.headers["content-type"] ?? "");
  if (type.startsWith("text/plain") && !isShallowJson(body.toString("utf8"))) {
    plain(res, 400, "This is not a valid call of a server action.");
    return null;
  }
  // The same request, body included, for Next.js to read again.
  const copy = new http.IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  // Complete, as the parser would mark it: an incomplete message destroys the socket when it is done.
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

/** Valid JSON nested at most MAX_JSON_DEPTH deep (checked before parsing, so depth costs nothing). */
function isShallowJson(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      if (++depth > MAX_JSON_DEPTH) return false;
    } else if (c === "]" || c === "}") depth--;
  }
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The host a same-origin page was loaded from: Host, or X-Forwarded-Host from a trusted proxy. */
function expectedHost(req: http.IncomingMessage): string | undefined {
  const forwarded = req.headers["x-forwarded-host"];
  if (trustsProxy() && typeof forwarded === "string" && forwarded) return forwarded.split(",").at(-1)?.trim();
  return req.headers.host;
}

function trustsProxy(): boolean {
  const trust = (process.env.TRUST_PROXY ?? "").trim();
  return Boolean(trust) && trust !== "0" && trust !== "false" && trust !== "off";
}

/**
 * Whether the client reached us over HTTPS: our own socket is plain HTTP, so only a trusted proxy's
 * X-Forwarded-Proto can say so (TRUST_PROXY set; nginx sets the header itself, see docs).
 */
function isHttps(req: http.IncomingMessage): boolean {
  if (!trustsProxy()) return false;
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
  log(
    `${signal}: no new connections; finishing ${inFlight} request(s) in flight (at most ${shutdownTimeoutMs} ms)`,
  );
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
