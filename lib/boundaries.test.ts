/**
 * Module boundaries from ARCHITECTURE.md, checked by scanning imports. A failure names the file and
 * the import that crosses a boundary.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

const ROOT = process.cwd();
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;

function filesUnder(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes("node_modules") && !file.startsWith("lib/generated"));
}

/** Every module specifier a file imports, statically or dynamically, with its line. */
function importsOf(file: string): { specifier: string; line: number }[] {
  const source = fs.readFileSync(path.join(ROOT, file), "utf8");
  const found: { specifier: string; line: number }[] = [];
  // Test files hold hostile submissions as strings (`require("fs")` ...): in them, only the file's
  // own static imports at the start of a line count.
  const pattern = file.endsWith(".test.ts")
    ? /^(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm
    : /(?:^|[^\w.])(?:import|export)\s[^"'`;]*?from\s*["'`]([^"'`]+)["'`]|(?:^|[^\w.])import\s*\(\s*["'`]([^"'`]+)["'`]|(?:^|[^\w.])import\s*["'`]([^"'`]+)["'`]|require\(\s*["'`]([^"'`]+)["'`]\s*\)/gm;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (specifier) found.push({ specifier, line: source.slice(0, match.index).split("\n").length });
  }
  return found;
}

/** Where a relative or "@/" specifier points, as a repository path; null for packages. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith("."))
    return path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), specifier));
  return null;
}

function violations(
  dir: string,
  allowed: (specifier: string, resolved: string | null, file: string) => boolean,
): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    for (const { specifier, line } of importsOf(file)) {
      if (!allowed(specifier, target(file, specifier), file))
        found.push(`${file}:${line} imports "${specifier}"`);
    }
  }
  return found;
}

test("sandbox/ imports only node:*, its own files and its few libraries", () => {
  const packages = [
    "isolated-vm",
    "sucrase",
    "zod",
    "sql.js",
    "esbuild",
    "@noble/hashes",
    "core-js-pure",
    "fast-check",
  ];
  const found = violations("sandbox", (specifier, resolved, file) => {
    if (specifier.startsWith("node:")) return true;
    // The sandbox's own built-in modules, resolved inside the isolate (harness/extensions.js).
    if (specifier === "serverside:db" || specifier === "serverside:test") return true;
    // Tests may use the TypeScript compiler to type-check the declaration files authors use.
    if (specifier === "typescript" && file.endsWith(".test.ts")) return true;
    // ... and a native SQLite as the reference of what standard SQLite has (sql.js must not have more).
    if (specifier === "better-sqlite3" && file.endsWith(".test.ts")) return true;
    if (resolved !== null) return resolved.startsWith("sandbox") || resolved.startsWith("node_modules");
    return packages.some((name) => specifier === name || specifier.startsWith(`${name}/`));
  });
  assert.deepEqual(found, [], "sandbox/ must not depend on app/, components/, lib/, next or prisma");
});

test("lib/ never imports app/ or components/ (the domain does not know its pages)", () => {
  const found = violations(
    "lib",
    (_specifier, resolved) => resolved === null || !/^(app|components)(\/|$)/.test(resolved),
  );
  assert.deepEqual(found, []);
});

test("components/ never imports app/ (pages hand components their Server Actions as props)", () => {
  const found = violations(
    "components",
    (_specifier, resolved) => resolved === null || !/^app(\/|$)/.test(resolved),
  );
  assert.deepEqual(found, []);
});

test("app/ and components/ reach the database only through lib/ (never the Prisma client itself)", () => {
  const found = [...violations("app", touchesNoClient), ...violations("components", touchesNoClient)];
  assert.deepEqual(
    found,
    [],
    "query through a function of lib/ (lib/progress, lib/auth, lib/teach ...), not lib/db.ts",
  );
});

function touchesNoClient(specifier: string, resolved: string | null): boolean {
  if (resolved === null) return !/^(@prisma\/|prisma$|better-sqlite3$|pg$)/.test(specifier);
  return !/^lib\/(db(\.ts)?|generated(\/.*)?)$/.test(resolved);
}

test("components/ui/ primitives touch no data (no lib/, no database, no auth)", () => {
  const found = violations(
    "components/ui",
    (specifier, resolved) =>
      !(resolved?.startsWith("lib") || /^(@prisma|next-auth|server-only)/.test(specifier)),
  );
  assert.deepEqual(found, []);
});

test("only lib/content reads the lessons folder", () => {
  const offenders: string[] = [];
  for (const dir of ["app", "components", "lib", "sandbox"]) {
    for (const file of filesUnder(dir)) {
      if (file.startsWith("lib/content/") || file.endsWith(".test.ts")) continue;
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      if (/["'`]\.{0,2}\/?lessons\//.test(source) || /path\.join\([^)]*["'`]lessons["'`]/.test(source))
        offenders.push(file);
    }
  }
  assert.deepEqual(offenders, []);
});

test("client components never import server-only modules", () => {
  const serverOnly = new Set(
    [...filesUnder("lib"), ...filesUnder("sandbox")].filter((file) =>
      /^import\s+["']server-only["']/m.test(fs.readFileSync(path.join(ROOT, file), "utf8")),
    ),
  );
  const offenders: string[] = [];
  for (const file of [...filesUnder("app"), ...filesUnder("components")]) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    if (!/^\s*["']use client["']/.test(source)) continue;
    for (const { specifier, line } of importsOf(file)) {
      const resolved = target(file, specifier);
      if (!resolved) continue;
      const candidates = [resolved, `${resolved}.ts`, `${resolved}.tsx`, `${resolved}/index.ts`];
      const isTypeOnly = new RegExp(
        `import\\s+type\\s[^;]*["']${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}["']`,
      ).test(source);
      if (
        !isTypeOnly &&
        candidates.some((candidate) => serverOnly.has(candidate.replace(/\.ts\.ts$/, ".ts")))
      ) {
        offenders.push(`${file}:${line} imports server-only "${specifier}"`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});
