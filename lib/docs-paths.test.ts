/**
 * The docs stay true: every file and folder they name (in `code` or as a relative link) exists, and
 * every npm script they tell people to run is in package.json. A failure names the doc and what it
 * names. Checked docs: README.md, ARCHITECTURE.md, SECURITY.md, CONTRIBUTING.md, lessons/README.md,
 * sandbox/README.md and docs/*.md.
 *
 * What counts as a path: a span with no spaces that starts with a top-level folder of the repository
 * (`lib/db.ts`, `sandbox/`), or, in a doc inside a folder, with a subfolder of that folder
 * (`harness/runtime.js` in sandbox/README.md), or a bare file name (`private-types.ts`: it must exist
 * somewhere in the tree; not in lessons/README.md, whose bare names are examples of the lesson format). Patterns and placeholders (`*`, `<name>`, `...`) and calls (`getGrader()`)
 * are not paths.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

const ROOT = process.cwd();
const TOP = [
  "app",
  "components",
  "lib",
  "sandbox",
  "scripts",
  "prisma",
  "e2e",
  "docs",
  "deploy",
  "lessons",
  ".ci",
];
/** Created on install or at run time, git-ignored: named by the docs, absent from a fresh clone. */
const GENERATED = [/^lib\/generated(\/|$)/, /^data(\/|$)/, /^\.next(\/|$)/, /^coverage(\/|$)/];
// Not .json: `Response.json` is a method, not a file.
const FILE_NAME = /^[\w.-]+\.(ts|tsx|js|mjs|md|prisma|conf|ya?ml|sql|sh)$/;

function docs(): string[] {
  const named = [
    "README.md",
    "ARCHITECTURE.md",
    "SECURITY.md",
    "CONTRIBUTING.md",
    "lessons/README.md",
    "sandbox/README.md",
  ];
  const inDocs = fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`);
  return [...named, ...inDocs].filter((doc) => fs.existsSync(path.join(ROOT, doc)));
}

/** Every file name in the tree (outside node_modules, .git and build output), for bare names. */
function allFileNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (
        [".git", "node_modules", ".next", "test-results", "playwright-report", "coverage"].includes(
          entry.name,
        )
      )
        continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else names.add(entry.name);
    }
  };
  walk(ROOT);
  return names;
}

/** The spans of a doc that may name a path: `code` and the targets of relative links. */
function spans(source: string): { text: string; line: number }[] {
  const found: { text: string; line: number }[] = [];
  const lineOf = (index: number) => source.slice(0, index).split("\n").length;
  for (const match of source.matchAll(/`([^`\n]+)`/g))
    found.push({ text: match[1]!, line: lineOf(match.index) });
  for (const match of source.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
    if (!/^[a-z]+:/.test(match[1]!)) found.push({ text: match[1]!, line: lineOf(match.index) });
  }
  return found;
}

/** Where a span points, as a path from the repository root; null when it is not a path to check. */
function pathOf(doc: string, text: string, fileNames: Set<string>): string | "bare" | null {
  const span = text.replace(/^\.\//, "");
  if (!/^[\w@.\-/[\]]+$/.test(span) || span.includes("...") || span.startsWith("/")) return null;
  const first = span.split("/")[0]!;
  const docDir = path.dirname(doc);
  if (span.includes("/")) {
    if (docDir !== "." && fs.existsSync(path.join(ROOT, docDir, first)) && !TOP.includes(first))
      return path.join(docDir, span);
    if (text.startsWith("./") || text.startsWith("../")) return path.normalize(path.join(docDir, text));
    return TOP.includes(first) ? span : null;
  }
  // lessons/README.md names example files of the lesson format (lessons:check validates those).
  if (FILE_NAME.test(span) && !doc.startsWith("lessons/")) return fileNames.has(span) ? "bare" : span;
  return null;
}

test("every file and folder the docs name exists", () => {
  const fileNames = allFileNames();
  const missing: string[] = [];
  for (const doc of docs()) {
    const source = fs.readFileSync(path.join(ROOT, doc), "utf8");
    for (const { text, line } of spans(source)) {
      const target = pathOf(doc, text, fileNames);
      if (target === null || target === "bare" || GENERATED.some((pattern) => pattern.test(target))) continue;
      if (!fs.existsSync(path.join(ROOT, target))) missing.push(`${doc}:${line} names "${text}" (${target})`);
    }
  }
  assert.deepEqual(missing, [], "a doc names a file or folder that does not exist: fix the doc or the path");
});

test("every npm script the docs tell people to run exists", () => {
  const scripts = Object.keys(
    (
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts,
  );
  const missing: string[] = [];
  for (const doc of docs()) {
    const source = fs.readFileSync(path.join(ROOT, doc), "utf8");
    for (const match of source.matchAll(
      /\bnpm (?:run (?:--?[\w-]+ )*([\w:-]+)|(start|test|stop|restart)\b)/g,
    )) {
      const name = match[1] ?? match[2]!;
      if (!scripts.includes(name))
        missing.push(`${doc}:${source.slice(0, match.index).split("\n").length} runs "npm run ${name}"`);
    }
  }
  assert.deepEqual(missing, [], "a doc runs an npm script that package.json does not have");
});

test("the checker sees a missing path and a missing script (it can fail)", () => {
  const fileNames = allFileNames();
  assert.equal(pathOf("README.md", "lib/no-such-file.ts", fileNames), "lib/no-such-file.ts");
  assert.equal(pathOf("sandbox/README.md", "harness/no-such.js", fileNames), "sandbox/harness/no-such.js");
  assert.equal(pathOf("README.md", "no-such-file-anywhere.ts", fileNames), "no-such-file-anywhere.ts");
  assert.equal(pathOf("README.md", "lessons/<track>/<id>", fileNames), null);
  assert.equal(pathOf("README.md", "lib/db.ts", fileNames), "lib/db.ts");
});
