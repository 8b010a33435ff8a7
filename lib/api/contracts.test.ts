/**
 * Contract snapshots: the OpenAPI document and the result JSON Schema in docs/contracts/ must be
 * what the code builds. A change to either fails here with the diff; if the change is meant,
 * `npm run contracts:update` rewrites the files and the diff is reviewed with the code.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { buildContracts } from "./contracts.ts";

/** The lines that differ, as `-` (checked in) and `+` (built) pairs with line numbers (at most 40). */
function lineDiff(checkedIn: string, built: string): string {
  const a = checkedIn.split("\n");
  const b = built.split("\n");
  // Skip the common start and end, then show what is between.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const removed = a.slice(start, endA + 1).map((line, i) => `-${start + i + 1}: ${line}`);
  const added = b.slice(start, endB + 1).map((line, i) => `+${start + i + 1}: ${line}`);
  return [...removed, ...added].slice(0, 40).join("\n");
}

for (const { path: file, content } of buildContracts()) {
  test(`${file} is what the code builds (npm run contracts:update rewrites it)`, () => {
    const full = path.join(process.cwd(), file);
    assert.ok(fs.existsSync(full), `${file} is missing: run npm run contracts:update`);
    const checkedIn = fs.readFileSync(full, "utf8");
    if (checkedIn !== content) {
      assert.fail(
        `${file} differs from what the code builds (- checked in, + built):\n${lineDiff(checkedIn, content)}\nIf the change is meant: npm run contracts:update, and review the diff.`,
      );
    }
  });
}
