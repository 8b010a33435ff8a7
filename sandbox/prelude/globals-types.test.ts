/**
 * sandbox/types/globals.d.ts type-checks learner code that uses the sandbox's non-standard
 * globals, and rejects misuse. Run: node --import tsx --test sandbox/prelude/globals-types.test.ts
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const globalsPath = fileURLToPath(new URL("../types/globals.d.ts", import.meta.url));

/** Type-checks one learner file as lessons/tsconfig.json does (es2023, no DOM) plus globals.d.ts. */
function check(source: string): string[] {
  const fileName = "/learner/solution.ts";
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    lib: ["lib.es2023.d.ts"],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === fileName ? source : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) =>
    name === fileName ? ts.createSourceFile(name, source, version) : getSourceFile(name, version);
  const program = ts.createProgram([fileName, globalsPath], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file?.fileName === fileName ? "solution" : d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
}

test("globals.d.ts: learner code using clock, crypto extras and Uint8Array base64/hex type-checks; misuse does not", () => {
  const good = `
    export function hashPassword(password: string): string {
      const salt = crypto.randomBytes(16);
      const key: Uint8Array = crypto.scryptSync(password, salt, 32, { N: 16384 });
      return salt.toHex() + ":" + key.toBase64({ alphabet: "base64url", omitPadding: true });
    }
    export function sign(data: string, secret: string): string {
      return crypto.createHmac("sha256", secret).update(data).digest("base64url");
    }
    export const hex: string = crypto.hash("sha256", "abc");
    export const raw: Uint8Array = crypto.hash("sha256", "abc", "buffer");
    export const same: boolean = crypto.timingSafeEqual(Uint8Array.fromHex("00"), Uint8Array.fromBase64("AA=="));
    export const key: ArrayBuffer = crypto.hkdfSync("sha256", "ikm", "salt", "info", 32);
    export const n: number = crypto.randomInt(1, 7) + crypto.pbkdf2Sync("p", "s", 1000, 32, "sha512").length;
    clock.advance(1000);
    clock.set(new Date("2030-01-01"));
    export const now: number = clock.now();
    export async function handler(req: Request): Promise<Response> {
      const url = new URL(req.url);
      if (req.method === "POST") {
        const body = (await req.json()) as { name?: string };
        return Response.json({ hello: body.name ?? url.searchParams.get("name") }, { status: 201 });
      }
      const headers = new Headers({ "content-type": "text/plain" });
      headers.append("set-cookie", "a=1");
      for (const [name, value] of headers) void [name, value];
      return new Response(new TextEncoder().encode(btoa("hi")), { status: 200, headers });
    }
    export const copy = structuredClone({ at: new Date(), tags: new Set(["a"]) });
    const t = setTimeout((x: string) => x.length, 100, "x");
    clearTimeout(t);
    queueMicrotask(() => {});
    export const elapsed: number = performance.now();
    export const text: string = new TextDecoder().decode(crypto.getRandomValues(new Uint8Array(4)));
    export const redirect = Response.redirect("https://example.com/", 303).headers.get("location");
    export async function call(): Promise<number> {
      const c = new AbortController();
      const res = await fetch("https://api.test/", { signal: AbortSignal.any([c.signal, AbortSignal.timeout(100)]) });
      return res.status;
    }
  `;
  assert.deepEqual(check(good), []);
  const bad = `
    export const a: Uint8Array = crypto.hash("sha256", "abc");
    crypto.hash("whirlpool", "abc");
    clock.advance("10");
    crypto.subtle.digest("SHA-256", new Uint8Array());
    fetch("http://example.com", { signal: 5 });
    document.title = "x";
  `;
  const errors = check(bad);
  assert.equal(errors.filter((e) => e.startsWith("solution")).length, 6, errors.join("\n"));
  assert.deepEqual(
    errors.filter((e) => !e.startsWith("solution")),
    [],
    "globals.d.ts itself has no errors",
  );
});
