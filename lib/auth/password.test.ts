import assert from "node:assert/strict";
import { test } from "node:test";
import { hashPassword, verifyPassword } from "./password.ts";

test("a hash verifies its own password and no other", async () => {
  const hash = await hashPassword("correct horse battery");
  assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(hash.includes("correct horse"), false);
  assert.equal(await verifyPassword("correct horse battery", hash), true);
  assert.equal(await verifyPassword("correct horse batterY", hash), false);
  assert.equal(await verifyPassword("", hash), false);
});

test("the same password hashes differently each time (random salt)", async () => {
  const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
  assert.notEqual(a, b);
});

test("malformed stored hashes never match", async () => {
  for (const stored of ["", "plain", "md5$abc", "scrypt$1$2$3$$", "scrypt$32768$8$1$c2FsdA==$"]) {
    assert.equal(await verifyPassword("anything", stored), false, stored);
  }
});
