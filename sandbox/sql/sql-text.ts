/**
 * Lexical helpers for SQL text: blank out comments and quoted text, find where a statement starts,
 * and refuse statements that would step outside an exercise's one in-memory database.
 */

/**
 * The SQL with comments replaced by spaces and the insides of string literals and quoted
 * identifiers replaced by spaces, keeping every offset (and line) where it was.
 */
export function blankNoise(sql: string): string {
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (
      (c === "$" || c === "@" || c === ":" || c === "#") &&
      next !== undefined &&
      isIdChar(next) &&
      (i === 0 || !isIdChar(sql[i - 1]!))
    ) {
      // A parameter, as SQLite's tokenizer reads it (tokenize.c, CC_DOLLAR/CC_VARALPHA): the
      // sigil, identifier characters and "::", then optionally "(" up to whitespace or ")". Why:
      // `$a(')` is one parameter token to SQLite, while a lexer that saw a string start at the quote
      // blanked the rest of the script and missed ATTACH and PRAGMA after it.
      const stop = parameterEnd(sql, i);
      out += sql.slice(i, stop).replace(/[^\n]/g, (ch, k: number) => (k === 0 ? ch : " "));
      i = stop;
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      const close = c === "[" ? "]" : c;
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) break;
        if (sql[j] === close) {
          if (close !== "]" && sql[j + 1] === close) {
            j += 2; // a doubled quote is an escaped quote
            continue;
          }
          break;
        }
        j++;
      }
      const stop = Math.min(j + 1, sql.length);
      // Keep the quote characters so a quoted name still separates words; blank the inside.
      out += c + sql.slice(i + 1, stop - 1).replace(/[^\n]/g, " ") + (stop - 1 > i ? sql[stop - 1] : "");
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** SQLite's IdChar: letters, digits, "_", "$" and every character outside ASCII. */
function isIdChar(ch: string): boolean {
  return /[A-Za-z0-9_$]/.test(ch) || ch.charCodeAt(0) > 0x7f;
}

/** Where the parameter token starting at `start` (its sigil) ends, as SQLite's tokenizer decides. */
function parameterEnd(sql: string, start: number): number {
  let i = start + 1;
  let n = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (isIdChar(c)) {
      n++;
      i++;
    } else if (c === "(" && n > 0) {
      i++;
      while (i < sql.length && !/\s/.test(sql[i]!) && sql[i] !== ")") i++;
      if (i < sql.length && sql[i] === ")") i++;
      return i;
    } else if (c === ":" && sql[i + 1] === ":") {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

/** True when the SQL holds nothing but whitespace, comments and semicolons. */
export function isBlankSql(sql: string): boolean {
  return blankNoise(sql).replace(/[\s;]/g, "") === "";
}

/** The offset of the first character at or after `from` that is not whitespace or a comment. */
export function skipTrivia(sql: string, from: number): number {
  const blanked = blankNoise(sql);
  let i = from;
  while (i < sql.length && /\s/.test(blanked[i]!)) i++;
  return i;
}

/** 1-based line number of an offset. */
export function lineAt(sql: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < sql.length; i++) if (sql[i] === "\n") line++;
  return line;
}

/** PRAGMAs learner code may use: reading a schema, and turning foreign-key checks on or off. */
const ALLOWED_PRAGMAS = new Set([
  "table_info",
  "table_xinfo",
  "table_list",
  "index_list",
  "index_info",
  "index_xinfo",
  "foreign_key_list",
  "foreign_keys",
  "foreign_key_check",
  "collation_list",
  "function_list",
]);

/**
 * Why SQL is refused, with the offset of the offending word, or null when it may run. The
 * sandbox's database lives in memory and the engine cannot reach host files at all; these refusals
 * keep the limits in force (ATTACH opens a second database outside max_page_count, PRAGMAs could
 * lift the limits or corrupt the schema, VACUUM INTO writes a file). Works on one statement or a
 * whole script.
 */
export function refusalOf(sql: string): { message: string; offset: number } | null {
  const code = blankNoise(sql).toLowerCase();
  const rules: [RegExp, (m: RegExpExecArray) => string | null][] = [
    [/\battach\b/, () => "ATTACH is not allowed here: an exercise works on its one in-memory database."],
    [/\bdetach\b/, () => "DETACH is not allowed here: an exercise works on its one in-memory database."],
    [
      /\bload_extension\b/,
      () => "load_extension is not available: extensions cannot be loaded in the sandbox.",
    ],
    [/\bvacuum\b[^;]*\binto\b/, () => "VACUUM INTO is not allowed here: it writes a database file."],
    [
      // A quoted or unreadable pragma name is refused too: only plain allowed names pass.
      /\bpragma\b(?:\s+(?:(?:main|temp)\s*\.\s*)?([a-z_]+)\b)?/,
      (m) => {
        const name = m[1];
        if (name !== undefined && ALLOWED_PRAGMAS.has(name)) return null;
        const allowed = `Allowed: ${[...ALLOWED_PRAGMAS].join(", ")}.`;
        return name === undefined
          ? `This PRAGMA is not allowed here. ${allowed}`
          : `PRAGMA ${name} is not allowed here. ${allowed}`;
      },
    ],
  ];
  let found: { message: string; offset: number } | null = null;
  for (const [pattern, explain] of rules) {
    const global = new RegExp(pattern.source, "g");
    for (let m = global.exec(code); m !== null; m = global.exec(code)) {
      const message = explain(m);
      if (message !== null && (found === null || m.index < found.offset))
        found = { message, offset: m.index };
      if (message !== null) break;
    }
  }
  return found;
}
