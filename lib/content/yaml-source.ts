/**
 * YAML with positions: parse once with `yaml`'s parseDocument + LineCounter, and answer "which line
 * holds this key?" so schema errors point at the offending line, not just the file.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node } from "yaml";
import type { Problem } from "./problems.ts";

export interface YamlSource {
  /** Plain JavaScript value of the document (undefined when it failed to parse). */
  data: unknown;
  /** YAML syntax errors, with lines. */
  problems: Problem[];
  /** Line (in the file) of the deepest key or item along `path` that exists. */
  lineOf(path: readonly PropertyKey[]): number;
  /** Line where the text of a string value starts (the line after `|` for block scalars). */
  valueStartLine(path: readonly PropertyKey[]): number;
}

/**
 * Parses `text`, which starts at line `firstLine` of `file` (front matter starts at line 2).
 */
export function parseYaml(text: string, file: string, firstLine = 1): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const toLine = (offset: number) => Math.max(1, lineCounter.linePos(offset).line) + firstLine - 1;
  const problems: Problem[] = doc.errors.map((error) => ({
    rule: "yaml",
    file,
    line: (error.linePos?.[0].line ?? 1) + firstLine - 1,
    // yaml's own "at line N, column M" counts from the start of the YAML text, not the file: drop it.
    message: `YAML: ${error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`,
  }));

  function walk(path: readonly PropertyKey[]): { line: number; node: Node | null } {
    let node: unknown = doc.contents;
    let line = firstLine;
    if (node && (node as Node).range) line = toLine((node as Node).range![0]);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) return { line, node: null };
        if (isScalar(pair.key) && pair.key.range) line = toLine(pair.key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) return { line, node: null };
        if (item.range) line = toLine(item.range[0]);
        node = item;
      } else {
        return { line, node: null };
      }
    }
    return { line, node: (node as Node) ?? null };
  }

  return {
    data: doc.errors.length ? undefined : doc.toJS(),
    problems,
    lineOf: (path) => walk(path).line,
    valueStartLine(path) {
      const { line, node } = walk(path);
      if (!isScalar(node) || !node.range) return line;
      const start = toLine(node.range[0]);
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      return block ? start + 1 : start;
    },
  };
}
