/**
 * Ambient declarations for the lesson editor's TypeScript IntelliSense: the sandbox's globals and
 * its test API, read from sandbox/types once per process and handed to the editor as props.
 */
import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ROOT } from "@/lib/env";

let cached: Promise<{ filePath: string; content: string }[]> | null = null;

export function getEditorLibs(): Promise<{ filePath: string; content: string }[]> {
  cached ??= Promise.all(
    ["globals.d.ts", "test-api.d.ts", "modules.d.ts"].map(async (name) => ({
      filePath: `file:///sandbox-types/${name}`,
      content: await readFile(path.join(/*turbopackIgnore: true*/ ROOT, "sandbox/types", name), "utf8"),
    })),
  ).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}
