import type { Server } from "node:http";

/**
 * How long an idle keep-alive connection stays open on an app server. Far above any proxy's idle
 * timeout (deploy/nginx.conf: 4 s), so the proxy always closes an idle connection first. With a
 * margin of only a second or two (Node's default is 5 s plus a 1 s buffer), a server whose event loop
 * stalls past its own deadline (GC, CPU contention) runs the expired keep-alive timer before it reads
 * the request the proxy sent just in time, and resets the connection: nginx answered such requests
 * with 502 ("recv() failed (104: Connection reset by peer) while reading response header").
 * Idle keep-alive connections are not subject to the headers timeout, so this does not help
 * slow-header clients: a new connection still has HEADERS_TIMEOUT_MS to send its headers.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Slowloris-style clients cannot hold a connection forever before sending their headers. */
export const HEADERS_TIMEOUT_MS = 20_000;
/** A whole request (headers and body) must arrive within this. */
export const REQUEST_TIMEOUT_MS = 120_000;

/** Applies the timeouts above to the production HTTP server (scripts/server.ts). */
export function applyHttpTimeouts(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
}
