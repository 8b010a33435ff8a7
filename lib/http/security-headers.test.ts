import assert from "node:assert/strict";
import { test } from "node:test";
import { contentSecurityPolicy, securityHeaders, STRICT_TRANSPORT_SECURITY } from "./security-headers.ts";

/** The policy as directive name -> sources. */
const directives = (policy: string) =>
  new Map(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

test("scripts run only from our origin or with this response's nonce", () => {
  const policy = directives(contentSecurityPolicy("abc123"));
  assert.deepEqual(policy.get("script-src"), ["'self'", "'nonce-abc123'"]);
  // No escape hatches for scripts, anywhere a script could come from.
  for (const [name, sources] of policy) {
    if (name === "style-src") continue; // Monaco's inline styles; styles cannot run code.
    for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"]) {
      assert.equal(sources.includes(unsafe), false, `${name} allows ${unsafe}`);
    }
  }
  assert.deepEqual(policy.get("default-src"), ["'self'"]);
});

test("no framing, no plugins, forms and <base> only to ourselves", () => {
  const policy = directives(contentSecurityPolicy("n"));
  assert.deepEqual(policy.get("frame-ancestors"), ["'none'"]);
  assert.deepEqual(policy.get("object-src"), ["'none'"]);
  assert.deepEqual(policy.get("form-action"), ["'self'"]);
  assert.deepEqual(policy.get("base-uri"), ["'self'"]);
  assert.deepEqual(policy.get("connect-src"), ["'self'"]);
});

test("each response's nonce is its own", () => {
  const a = contentSecurityPolicy("first");
  const b = contentSecurityPolicy("second");
  assert.match(a, /'nonce-first'/);
  assert.doesNotMatch(a, /second/);
  assert.match(b, /'nonce-second'/);
});

test("HSTS only over HTTPS; the other headers always", () => {
  const plain = securityHeaders("n", false);
  const secure = securityHeaders("n", true);
  assert.equal("Strict-Transport-Security" in plain, false);
  assert.equal(secure["Strict-Transport-Security"], STRICT_TRANSPORT_SECURITY);
  const maxAge = /max-age=(\d+)/.exec(STRICT_TRANSPORT_SECURITY);
  assert.ok(maxAge && Number(maxAge[1]) >= 180 * 86_400, STRICT_TRANSPORT_SECURITY);
  for (const headers of [plain, secure]) {
    assert.equal(headers["X-Content-Type-Options"], "nosniff");
    assert.equal(headers["X-Frame-Options"], "DENY");
    assert.equal(headers["Referrer-Policy"], "strict-origin-when-cross-origin");
    assert.equal(headers["Cross-Origin-Opener-Policy"], "same-origin");
    assert.match(headers["Permissions-Policy"], /camera=\(\)/);
    assert.match(headers["Permissions-Policy"], /microphone=\(\)/);
    assert.equal(headers["Content-Security-Policy"], contentSecurityPolicy("n"));
  }
});
