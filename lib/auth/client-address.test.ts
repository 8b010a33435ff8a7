import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveClientAddress, trustProxySchema } from "./client-address.ts";

const request = (peer: string | null, forwardedFor?: string) => {
  const headers = new Headers();
  if (peer !== null) headers.set("x-serverside-socket-address", peer);
  if (forwardedFor !== undefined) headers.set("x-forwarded-for", forwardedFor);
  return headers;
};
const trust = (value?: string) => trustProxySchema.parse(value);

test("without TRUST_PROXY the socket address is the client, whatever X-Forwarded-For says", () => {
  assert.equal(resolveClientAddress(request("203.0.113.7"), trust()), "203.0.113.7");
  assert.equal(resolveClientAddress(request("203.0.113.7", "1.2.3.4"), trust()), "203.0.113.7");
  assert.equal(
    resolveClientAddress(request("::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8"), trust("off")),
    "203.0.113.7",
  );
});

test("a hop count trusts exactly that many proxies from the right", () => {
  // nginx (10.0.0.2) appended the client it saw; the client prepended a lie.
  const headers = request("10.0.0.2", "6.6.6.6, 198.51.100.9");
  assert.equal(resolveClientAddress(headers, trust("1")), "198.51.100.9");
  assert.equal(resolveClientAddress(headers, trust("2")), "6.6.6.6");
  // More hops than entries: the leftmost (nothing to the left can be trusted anyway).
  assert.equal(resolveClientAddress(request("10.0.0.2", "198.51.100.9"), trust("5")), "198.51.100.9");
  // A garbage entry where the client should be is not an address.
  assert.equal(resolveClientAddress(request("10.0.0.2", "not-an-ip"), trust("1")), "unknown");
});

test("a list of proxies is skipped from the right", () => {
  const headers = request("10.0.0.2", "6.6.6.6, 198.51.100.9, 10.0.0.3");
  assert.equal(resolveClientAddress(headers, trust("10.0.0.2, 10.0.0.3")), "198.51.100.9");
  assert.equal(resolveClientAddress(request("203.0.113.1", "6.6.6.6"), trust("10.0.0.2")), "203.0.113.1");
});

test("requests that did not come through our server share one address", () => {
  assert.equal(resolveClientAddress(request(null, "1.2.3.4"), trust("1")), "unknown");
});

test("TRUST_PROXY values are validated", () => {
  assert.throws(() => trust("nginx"), /TRUST_PROXY/);
  assert.deepEqual(trust("2"), { mode: "hops", hops: 2 });
});
