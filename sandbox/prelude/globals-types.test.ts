/**
 * sandbox/types/globals.d.ts type-checks learner code that uses the sandbox's non-standard
 * globals, and rejects misuse. Run: node --import tsx --test sandbox/prelude/globals-types.test.ts
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const globalsPath = fileURLToPath(new URL("../types/globals.d.ts", import.meta.url));

/** Type-checks one learner file with the editor's libs plus globals.d.ts; returns the errors. */
function check(source: string): string[] {
  const fileName = "/learner/solution.ts";
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
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
    .map((d) => `${d.file?.fileName === fileName ? "solution" : d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
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
      return Response.json({ url: new URL(req.url).pathname, id: crypto.randomUUID() });
    }
  `;
  assert.deepEqual(check(good), []);
  const bad = `
    export const a: Uint8Array = crypto.hash("sha256", "abc");
    crypto.hash("whirlpool", "abc");
    clock.advance("10");
  `;
  assert.equal(check(bad).filter((e) => e.startsWith("solution")).length, 3);
});
