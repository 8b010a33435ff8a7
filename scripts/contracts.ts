/**
 * `npm run contracts:update`: writes the public contracts (docs/contracts/: the OpenAPI document and
 * the result JSON Schema) from the code. Without --write it only says which differ (exit 1).
 */
import fs from "node:fs";
import path from "node:path";
import { buildContracts } from "../lib/api/contracts.ts";

const write = process.argv.includes("--write");
let stale = 0;
for (const { path: file, content } of buildContracts()) {
  const full = path.join(process.cwd(), file);
  const current = fs.existsSync(full) ? fs.readFileSync(full, "utf8") : null;
  if (current === content) {
    console.log(`unchanged  ${file}`);
    continue;
  }
  if (write) {
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    console.log(`written    ${file}`);
  } else {
    stale++;
    console.log(`differs    ${file}`);
  }
}
if (stale) {
  console.error("Run `npm run contracts:update` and review the diff.");
  process.exit(1);
}
