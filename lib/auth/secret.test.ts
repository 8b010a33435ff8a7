import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";

// The generated secret is what this file tests, so AUTH_SECRET must not be set when env loads.
delete process.env.AUTH_SECRET;
const { getAuthSecret } = await import("./secret.ts");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-secret-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a secret is generated once, saved private, and reused", () => {
  const file = path.join(dir, "new", "auth-secret");
  const logs: string[] = [];
  const first = getAuthSecret((m) => logs.push(m), file);
  assert.ok(first.length >= 32, first);
  assert.equal(fs.readFileSync(file, "utf8"), first + "\n");
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(logs.length, 1);
  assert.match(logs[0] ?? "", /generated one and saved it/);
  assert.equal(
    getAuthSecret((m) => logs.push(m), file),
    first,
  );
  assert.equal(logs.length, 1, "reusing says nothing");
  // Another file, another secret.
  assert.notEqual(
    getAuthSecret(() => {}, path.join(dir, "other")),
    first,
  );
});

test("a secret someone saved is kept, whitespace trimmed", () => {
  const file = path.join(dir, "saved");
  const mine = "x".repeat(40);
  fs.writeFileSync(file, `  ${mine}\n\n`);
  assert.equal(
    getAuthSecret(() => {}, file),
    mine,
  );
  assert.equal(fs.readFileSync(file, "utf8"), `  ${mine}\n\n`, "the file is not rewritten");
});

test("a short or empty saved secret is refused, never used to sign sessions", () => {
  const short = path.join(dir, "short");
  fs.writeFileSync(short, "abc\n");
  assert.throws(() => getAuthSecret(() => {}, short), /shorter than 32 characters/);
  assert.equal(fs.readFileSync(short, "utf8"), "abc\n", "the operator's file is left alone");
  const empty = path.join(dir, "empty");
  fs.writeFileSync(empty, "\n");
  assert.throws(() => getAuthSecret(() => {}, empty), /is empty/);
});

test("AUTH_SECRET wins over the file", async () => {
  const { env } = await import("../env.ts");
  const file = path.join(dir, "unused");
  env.AUTH_SECRET = "s".repeat(32);
  try {
    assert.equal(
      getAuthSecret(() => {}, file),
      "s".repeat(32),
    );
    assert.equal(fs.existsSync(file), false);
  } finally {
    delete env.AUTH_SECRET;
  }
});
