import assert from "node:assert/strict";
import { test } from "node:test";
import { checkPasswordStrength, MIN_PASSWORD_SCORE } from "./password-policy.ts";

test("common, short-pattern and repeated passwords are refused with a reason", () => {
  const cases: [string, RegExp][] = [
    ["password", /most common passwords/],
    ["12345678", /most common passwords/],
    ["qwertyuiop", /common|row of keys/],
    ["aaaaaaaaaaaa", /Repeated characters/],
    ["abcdefghijk", /Sequences|common/],
  ];
  for (const [password, reason] of cases) {
    const verdict = checkPasswordStrength(password);
    assert.equal(verdict.ok, false, password);
    assert.match(verdict.ok ? "" : verdict.message, reason, password);
    assert.match(verdict.ok ? "" : verdict.message, /Try a few unrelated words/);
  }
  // Eight spaces pass a length check, not this one.
  assert.equal(checkPasswordStrength("        ").ok, false);
});

test("a password that is the account's own email or name is refused", () => {
  const password = "kestrelvantablack9";
  assert.equal(checkPasswordStrength(password).ok, true, "strong on its own");
  for (const inputs of [["kestrelvantablack9@example.com"], ["me@example.com", "Kestrelvantablack9"]]) {
    const verdict = checkPasswordStrength(password, inputs);
    assert.equal(verdict.ok, false, JSON.stringify(inputs));
    assert.match(verdict.ok ? "" : verdict.message, /name or email address/);
  }
});

test("a few unrelated words pass, up to the form's 200 characters", () => {
  assert.ok(MIN_PASSWORD_SCORE >= 3);
  assert.deepEqual(checkPasswordStrength("violet tractor sings at dawn"), { ok: true });
  assert.deepEqual(checkPasswordStrength("k3#Pq9!zLm2@"), { ok: true });
  assert.deepEqual(checkPasswordStrength("plum ".repeat(40).slice(0, 199) + "Z"), { ok: true });
});
