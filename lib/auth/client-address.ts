/**
 * The address of the client a request came from, for every per-address limit (sign-in, sign-up,
 * visitor grading). By default it is the TCP peer's address, which our server (scripts/server.ts)
 * puts in `x-serverside-socket-address`: X-Forwarded-For is ignored, because any client can send it.
 * Behind a reverse proxy (nginx, a load balancer) the peer is the proxy; then set TRUST_PROXY:
 *   - a hop count `N`: the proxies are the last N hops; the client is the address N entries from the
 *     right of X-Forwarded-For + peer (1 = one nginx in front);
 *   - a comma-separated list of proxy addresses: walk X-Forwarded-For + peer from the right, skipping
 *     those addresses; the first one that is not a proxy is the client.
 * Entries a client prepended to X-Forwarded-For are left of what the trusted proxies appended, so
 * they are never reached.
 */
import { isIP } from "node:net";
import { z } from "zod";

export const SOCKET_ADDRESS_HEADER = "x-serverside-socket-address";

/** TRUST_PROXY parsed: off, a hop count, or a set of proxy addresses. */
export type TrustProxy =
  { mode: "off" } | { mode: "hops"; hops: number } | { mode: "list"; addresses: Set<string> };

export const trustProxySchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): TrustProxy => {
    if (!value || value === "0" || value === "false" || value === "off") return { mode: "off" };
    if (/^\d+$/.test(value)) return { mode: "hops", hops: Math.min(Number(value), 20) };
    const addresses = value.split(",").map((a) => normalizeAddress(a.trim()));
    const bad = addresses.filter((a) => !isIP(a));
    if (bad.length) {
      ctx.addIssue({
        code: "custom",
        message: `TRUST_PROXY must be off, a hop count or a list of IP addresses (not ${bad.join(", ")})`,
      });
      return z.NEVER;
    }
    return { mode: "list", addresses: new Set(addresses) };
  });

/** `::ffff:10.0.0.1` (IPv4 through an IPv6 socket) is 10.0.0.1; other text is kept as is. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4
    ? trimmed.slice(7)
    : trimmed;
}

/**
 * The client address of a request, by the rules above. "unknown" when the request did not come
 * through scripts/server.ts (e.g. `next dev`): every such request then shares one address.
 */
export function resolveClientAddress(headers: Headers, trust: TrustProxy): string {
  const peer = headers.get(SOCKET_ADDRESS_HEADER);
  if (!peer) return "unknown";
  const chain = [
    ...(headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((a) => normalizeAddress(a))
      .filter((a) => a !== ""),
    normalizeAddress(peer),
  ];
  if (trust.mode === "off") return chain[chain.length - 1];
  if (trust.mode === "hops") {
    const index = chain.length - 1 - trust.hops;
    const address = chain[Math.max(0, index)];
    return isIP(address) ? address : "unknown";
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!trust.addresses.has(chain[i])) return isIP(chain[i]) ? chain[i] : "unknown";
  }
  return chain[0];
}
