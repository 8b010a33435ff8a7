/**
 * Learner and test sources -> CommonJS-shaped JavaScript for the in-isolate module loader, with
 * sucrase (fast, and it keeps every line on its original line number, so stack traces line up).
 */
import { transform } from "sucrase";
import type { Language } from "./types.ts";

export type TranspileResult =
  { ok: true; code: string } | { ok: false; message: string; line?: number; column?: number };

function transformsFor(language: Language): ("typescript" | "imports")[] {
  return language === "ts" ? ["typescript", "imports"] : ["imports"];
}

const cache = new Map<string, TranspileResult>();
const CACHE_ENTRIES = 256;

/** transpileModule with a small cache, for author files (tests, modules) that repeat across runs. */
export function transpileCached(source: string, fileName: string, language: Language): TranspileResult {
  const key = `${language}\0${fileName}\0${source}`;
  let result = cache.get(key);
  if (!result) {
    result = transpileModule(source, fileName, language);
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, result);
  }
  return result;
}

/** Transpiles one module (ES module syntax, TS types) to CommonJS; syntax errors come back as values. */
export function transpileModule(source: string, fileName: string, language: Language): TranspileResult {
  try {
    const { code } = transform(source, {
      transforms: transformsFor(language),
      disableESTransforms: true,
      production: true,
      filePath: fileName,
    });
    return { ok: true, code };
  } catch (error) {
    const e = error as { message?: unknown; loc?: { line?: unknown; column?: unknown } };
    const raw = typeof e.message === "string" ? e.message : String(error);
    // sucrase says "Error transforming solution.ts: Unexpected token (3:12)": the file and position
    // are reported on their own, so keep only what went wrong.
    const message = raw.replace(/^Error transforming [^:]*:\s*/, "").replace(/\s*\(\d+:\d+\)\s*$/, "");
    const line = typeof e.loc?.line === "number" ? e.loc.line : undefined;
    // sucrase reports 0-based columns; results use 1-based.
    const column = typeof e.loc?.column === "number" ? e.loc.column + 1 : undefined;
    return { ok: false, message, line, column };
  }
}

// --- column mapping ---------------------------------------------------------------------------
// sucrase keeps lines, but removing types and rewriting imports moves columns. When an error
// points into a learner file, its column is mapped back with sucrase's token-level source map,
// computed lazily (only when a message needs it).

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_INDEX = new Map([...BASE64].map((c, i) => [c, i]));

/**
 * Decodes a source map's "mappings" into, per generated line, [generatedColumn, sourceColumn]
 * pairs. Decoded once per file: messages are learner-controlled and may name hundreds of frames.
 */
function decodeMappings(mappings: string): [number, number][][] {
  const lines = mappings.split(";");
  // Source columns are relative across the whole map, so every line is decoded in order.
  let sourceColumn = 0;
  const result: [number, number][][] = [];
  for (const line of lines) {
    let genColumn = 0;
    const out: [number, number][] = [];
    for (const segment of line ? line.split(",") : []) {
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64_INDEX.get(ch) ?? 0;
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genColumn += values[0] ?? 0;
      if (values.length >= 4) {
        sourceColumn += values[3];
        out.push([genColumn, sourceColumn]);
      }
    }
    result.push(out);
  }
  return result;
}

/**
 * A function that maps 1-based columns of transpiled code back to the learner's source (same line).
 * The source map is computed (one sucrase run) on the first call and reused: an earlier version
 * re-transpiled the file for every frame, so an error message listing ~1,400 fake
 * "at solution.ts:L:C" lines cost the worker 5 s of CPU outside any isolate time limit.
 */
export function columnMapper(
  source: string,
  fileName: string,
  language: Language,
): (line: number, column: number) => number {
  let decoded: [number, number][][] | undefined;
  return (line, column) => {
    if (decoded === undefined) {
      try {
        const result = transform(source, {
          transforms: transformsFor(language),
          disableESTransforms: true,
          production: true,
          filePath: fileName,
          sourceMapOptions: { compiledFilename: fileName },
        });
        decoded = decodeMappings(result.sourceMap?.mappings ?? "");
      } catch {
        decoded = [];
      }
    }
    const segments = decoded[line - 1] ?? [];
    let best: [number, number] | undefined;
    for (const seg of segments) {
      if (seg[0] <= column - 1) best = seg;
      else break;
    }
    if (!best) return column;
    return best[1] + (column - 1 - best[0]) + 1;
  };
}
