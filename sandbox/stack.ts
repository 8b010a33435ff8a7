/**
 * Rewrites messages that leave the sandbox: stack frames point at the learner's own lines with the
 * learner's own columns; frames inside the harness and prelude disappear; frames in hidden test
 * files keep only the file's name.
 */
import { columnMapper } from "./transpile.ts";
import type { Language } from "./types.ts";

/** What the rewriter knows about each file that ran in the isolate. */
export interface SourceFile {
  name: string;
  source: string;
  language: Language;
  hidden: boolean;
  /** Test files and extra modules written by authors; learner files get column mapping. */
  learner: boolean;
}

export const RUNTIME_FILE = "serverside:runtime";

const FRAME = /^\s+at (?:(.*?) \()?(.+?)(?::(\d+):(\d+))?\)?$/;

export interface Location {
  file: string;
  line: number;
  column: number;
}

/** A message rewriter for one run; caches column maps. */
export class StackRewriter {
  private readonly files: Map<string, SourceFile>;
  private readonly cache = new Map<string, number>();
  private readonly mappers = new Map<string, (line: number, column: number) => number>();

  constructor(files: SourceFile[]) {
    this.files = new Map(files.map((f) => [f.name, f]));
  }

  private column(file: SourceFile, line: number, column: number): number {
    const key = `${file.name}:${line}:${column}`;
    let mapped = this.cache.get(key);
    if (mapped === undefined) {
      let mapper = this.mappers.get(file.name);
      if (!mapper) {
        mapper = columnMapper(file.source, file.name, file.language);
        this.mappers.set(file.name, mapper);
      }
      mapped = mapper(line, column);
      this.cache.set(key, mapped);
    }
    return mapped;
  }

  /** Rewrites every stack frame in a message; other lines are kept as they are. */
  rewrite(message: string, options: { firstFrameOnly?: boolean } = {}): string {
    const lines = message.split("\n");
    const out: string[] = [];
    let frames = 0;
    for (const line of lines) {
      const m = FRAME.exec(line);
      if (!m || !line.startsWith("    at ")) {
        out.push(line);
        continue;
      }
      const fn = m[1];
      const fileName = m[2];
      const file = this.files.get(fileName);
      // harness, prelude, <isolated-vm boundary>, eval'd code; hidden files' frames come without a
      // position (the harness's prepareStackTrace drops it).
      if (!file || (!m[3] && !file.hidden)) continue;
      if (options.firstFrameOnly && frames > 0) continue;
      frames++;
      if (file.hidden) {
        out.push(`    at ${file.name}`);
        continue;
      }
      const lineNo = Number(m[3]);
      const col = file.learner ? this.column(file, lineNo, Number(m[4])) : Number(m[4]);
      out.push(fn ? `    at ${fn} (${file.name}:${lineNo}:${col})` : `    at ${file.name}:${lineNo}:${col}`);
    }
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return tidy(out.join("\n"));
  }

  /** The first stack frame that points into a learner file, with mapped column. */
  firstLearnerLocation(message: string): Location | undefined {
    for (const line of message.split("\n")) {
      const m = FRAME.exec(line);
      if (!m || !m[3] || !line.startsWith("    at ")) continue;
      const file = this.files.get(m[2]);
      if (!file || !file.learner) continue;
      const lineNo = Number(m[3]);
      return { file: file.name, line: lineNo, column: this.column(file, lineNo, Number(m[4])) };
    }
    return undefined;
  }
}

/** sucrase turns `slugify(x)` into `(0, _solution.slugify)(x)`: V8's messages quote that form. */
// The lookbehind makes the second pattern start only where an identifier starts: without it, a
// learner's message of 16 kB of "_" took 140 ms per test to scan (quadratic), outside any time limit.
function tidy(message: string): string {
  return message
    .replace(/\(0 ?, ?_[A-Za-z0-9_$]+\.([A-Za-z0-9_$]+)\)/g, "$1")
    .replace(/(?<![A-Za-z0-9_$])_[A-Za-z0-9_$]+\.default\b/g, "default export");
}
