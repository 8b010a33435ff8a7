import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import { test } from "node:test";
import { applyHttpTimeouts, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from "./http-timeouts.ts";

/** deploy/nginx.conf's idle timeout for its cached upstream connections, in ms. */
function nginxUpstreamKeepAliveMs(): number {
  const upstream =
    /upstream serverside \{([^}]*)\}/.exec(fs.readFileSync("deploy/nginx.conf", "utf8"))?.[1] ?? "";
  const match = /^\s*keepalive_timeout\s+(\d+)s;/m.exec(upstream);
  assert.ok(match, "deploy/nginx.conf's upstream sets keepalive_timeout in seconds");
  return Number(match[1]) * 1000;
}

test("nginx closes idle upstream connections long before the app server does", () => {
  const proxy = nginxUpstreamKeepAliveMs();
  // The margin is what an event-loop stall would have to exceed to reset a request (see the next test).
  assert.ok(KEEP_ALIVE_TIMEOUT_MS - proxy >= 60_000, `nginx ${proxy} ms, app ${KEEP_ALIVE_TIMEOUT_MS} ms`);
  assert.ok(HEADERS_TIMEOUT_MS < KEEP_ALIVE_TIMEOUT_MS);
});

test("a request on a reused connection, sent within nginx's idle timeout, is answered though the server stalls past Node's default keep-alive", async () => {
  const proxy = nginxUpstreamKeepAliveMs();
  const server = http.createServer((_req, res) => res.end("ok"));
  applyHttpTimeouts(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const socket = net.connect(port, "127.0.0.1");
  let received = "";
  const closed = new Promise<string | null>((resolve) => {
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    socket.on("close", () => resolve(null));
  });
  socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
  try {
    socket.write("GET / HTTP/1.1\r\nHost: test\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, proxy - 100));
    // As nginx does just before its own idle limit: the next request on the cached connection. In the
    // same callback the event loop stalls until past Node's default keep-alive deadline (5 s + 1 s
    // buffer), so the server sees its timer before the request: with the defaults this resets the
    // connection (ECONNRESET), which nginx turned into a 502.
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        socket.write("GET / HTTP/1.1\r\nHost: test\r\n\r\n");
        const until = performance.now() + (6_500 - (proxy - 100));
        while (performance.now() < until) {
          // stalled
        }
        resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.end();
    assert.equal(await closed, null);
    assert.equal(received.match(/HTTP\/1\.1 200/g)?.length, 2, received);
  } finally {
    socket.destroy();
    server.close();
  }
});
