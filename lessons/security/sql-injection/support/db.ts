/**
 * A tiny in-memory SQL database for this lesson, importable as "./db".
 *
 * It understands one statement shape, the SELECT, with the parts of SQLite's grammar an attacker
 * needs too: string literals with '' escapes, `--` and `/* *\/` comments, AND / OR / NOT, comparisons,
 * LIKE with ESCAPE, IS NULL, ||, lower() and upper(), UNION [ALL], ORDER BY, LIMIT and `?`
 * parameters. LIKE, lower() and upper() treat case as SQLite does: the ASCII letters only. So SQL built by
 * pasting strings together breaks here exactly as it would on a real database: `' OR '1'='1` really
 * returns every row, and `--` really comments out the rest of the query.
 *
 *   query("SELECT id, item FROM orders WHERE customer = ? AND status = ?", ["alice", "shipped"])
 *
 * Values in `params` are bound to the `?` placeholders in order and are always data, never SQL.
 */

export type Value = string | number | null;
export type Row = Record<string, Value>;

interface Table {
  columns: string[];
  rows: Row[];
}

const TABLES: Record<string, Table> = {
  orders: {
    columns: ["id", "customer", "item", "status"],
    rows: [
      { id: 1, customer: "alice", item: "Blue mug", status: "shipped" },
      { id: 2, customer: "alice", item: "Tea sampler", status: "pending" },
      { id: 3, customer: "bob", item: "Desk lamp", status: "shipped" },
      { id: 4, customer: "bob", item: "Blue mug", status: "pending" },
      { id: 5, customer: "Seán O'Brien", item: "Notebook", status: "pending" },
      { id: 6, customer: "carol", item: "Wool scarf", status: "shipped" },
      { id: 7, customer: "alice", item: "Desk lamp", status: "shipped" },
      { id: 8, customer: "Seán O'Brien", item: "Tea sampler", status: "shipped" },
    ],
  },
  products: {
    columns: ["id", "name", "price", "published"],
    rows: [
      { id: 1, name: "Blue mug", price: 12, published: 1 },
      { id: 2, name: "Desk lamp", price: 35, published: 1 },
      { id: 3, name: "Tea sampler", price: 18, published: 1 },
      { id: 4, name: "100% wool scarf", price: 25, published: 1 },
      { id: 5, name: "Prototype headphones", price: 199, published: 0 },
      { id: 6, name: "snake_case stickers", price: 3, published: 1 },
      { id: 7, name: "Mug warmer (unreleased)", price: 20, published: 0 },
      { id: 8, name: "Notebook", price: 9, published: 1 },
      { id: 9, name: "Café blend beans", price: 14, published: 1 },
    ],
  },
  users: {
    columns: ["id", "username", "password_hash", "role"],
    rows: [
      { id: 1, username: "alice", password_hash: "scrypt$16384$8$1$9a1f...$c0ffee...", role: "admin" },
      { id: 2, username: "bob", password_hash: "scrypt$16384$8$1$77b2...$deadbe...", role: "customer" },
    ],
  },
};

/** An error from the database, like SQLite's: a message and a code. */
export class SqlError extends Error {
  code: string;
  constructor(message: string, code = "SQLITE_ERROR") {
    super(message);
    this.name = "SqlError";
    this.code = code;
  }
}

// --- tokens ----------------------------------------------------------------------------------------

type Token =
  | { t: "num"; v: number; text: string }
  | { t: "str"; v: string; text: string }
  | { t: "id"; v: string; text: string } // identifier or keyword; v is upper-cased
  | { t: "param"; text: string }
  | { t: "op"; v: string; text: string }
  | { t: "end"; text: string };

const OPERATORS = ["||", "<=", ">=", "<>", "!=", "==", "=", "<", ">", "(", ")", ",", "*", ";", "-", "+", "."];

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (sql.startsWith("--", i)) {
      const nl = sql.indexOf("\n", i);
      i = nl === -1 ? sql.length : nl + 1;
    } else if (sql.startsWith("/*", i)) {
      const close = sql.indexOf("*/", i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (c === "'") {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= sql.length) throw new SqlError(`unrecognized token: "${sql.slice(i)}"`);
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += sql[j];
        j++;
      }
      tokens.push({ t: "str", v: value, text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(?:\.[0-9]+)?/.exec(sql.slice(i))!;
      tokens.push({ t: "num", v: Number(m[0]), text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))!;
      tokens.push({ t: "id", v: m[0].toUpperCase(), text: m[0] });
      i += m[0].length;
    } else if (c === "?") {
      tokens.push({ t: "param", text: "?" });
      i++;
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      if (!op) throw new SqlError(`unrecognized token: "${c}"`);
      tokens.push({ t: "op", v: op, text: op });
      i += op.length;
    }
  }
  tokens.push({ t: "end", text: "" });
  return tokens;
}

// --- syntax tree -------------------------------------------------------------------------------------

type Expr =
  | { k: "lit"; v: Value }
  | { k: "param"; index: number }
  | { k: "col"; name: string }
  | { k: "not"; e: Expr }
  | { k: "neg"; e: Expr }
  | { k: "bin"; op: string; l: Expr; r: Expr }
  | { k: "like"; l: Expr; r: Expr; escape: Expr | null; not: boolean }
  | { k: "isnull"; e: Expr; not: boolean }
  | { k: "call"; fn: "LOWER" | "UPPER"; arg: Expr };

interface ResultColumn {
  star: boolean;
  expr?: Expr;
  name: string;
}

interface Select {
  columns: ResultColumn[];
  table: string | null;
  where: Expr | null;
}

interface Statement {
  selects: { select: Select; unionAll: boolean }[];
  orderBy: { name: string; desc: boolean }[];
  limit: number | null;
}

const RESERVED = new Set(["SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "LIKE", "ESCAPE", "IS", "NULL", "ORDER", "BY", "ASC", "DESC", "LIMIT", "UNION", "ALL", "AS"]);

class Parser {
  private pos = 0;
  params = 0;
  constructor(private tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    return this.tokens[this.pos++]!;
  }
  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.t === "id" && t.v === word;
  }
  private isOp(op: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.v === op;
  }
  private fail(): never {
    const t = this.peek();
    throw new SqlError(t.t === "end" ? "incomplete input" : `near "${t.text}": syntax error`);
  }
  private keyword(word: string): void {
    if (!this.isKeyword(word)) this.fail();
    this.pos++;
  }
  private identifier(): string {
    const t = this.peek();
    if (t.t !== "id" || RESERVED.has(t.v)) this.fail();
    this.pos++;
    return t.text.toLowerCase();
  }

  statement(): Statement {
    const selects = [{ select: this.select(), unionAll: false }];
    while (this.isKeyword("UNION")) {
      this.pos++;
      const unionAll = this.isKeyword("ALL");
      if (unionAll) this.pos++;
      selects.push({ select: this.select(), unionAll });
    }
    const orderBy: Statement["orderBy"] = [];
    if (this.isKeyword("ORDER")) {
      this.pos++;
      this.keyword("BY");
      do {
        const name = this.identifier();
        let desc = false;
        if (this.isKeyword("ASC")) this.pos++;
        else if (this.isKeyword("DESC")) {
          this.pos++;
          desc = true;
        }
        orderBy.push({ name, desc });
      } while (this.isOp(",") && this.next());
    }
    let limit: number | null = null;
    if (this.isKeyword("LIMIT")) {
      this.pos++;
      const t = this.next();
      if (t.t !== "num") {
        this.pos--;
        this.fail();
      }
      limit = t.v;
    }
    if (this.isOp(";")) {
      this.pos++;
      if (this.peek().t !== "end") {
        throw new SqlError("The supplied SQL string contains more than one statement", "SQLITE_MISUSE");
      }
    }
    if (this.peek().t !== "end") this.fail();
    return { selects, orderBy, limit };
  }

  private select(): Select {
    this.keyword("SELECT");
    const columns: ResultColumn[] = [];
    do {
      if (this.isOp("*")) {
        this.pos++;
        columns.push({ star: true, name: "*" });
        continue;
      }
      const start = this.pos;
      const expr = this.expr();
      let name = this.tokens
        .slice(start, this.pos)
        .map((t) => t.text)
        .join(" ");
      if (expr.k === "col") name = expr.name;
      if (this.isKeyword("AS")) {
        this.pos++;
        name = this.identifier();
      }
      columns.push({ star: false, expr, name });
    } while (this.isOp(",") && this.next());
    let table: string | null = null;
    if (this.isKeyword("FROM")) {
      this.pos++;
      table = this.identifier();
    }
    let where: Expr | null = null;
    if (this.isKeyword("WHERE")) {
      this.pos++;
      where = this.expr();
    }
    return { columns, table, where };
  }

  private expr(): Expr {
    let left = this.and();
    while (this.isKeyword("OR")) {
      this.pos++;
      left = { k: "bin", op: "OR", l: left, r: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isKeyword("AND")) {
      this.pos++;
      left = { k: "bin", op: "AND", l: left, r: this.not() };
    }
    return left;
  }

  private not(): Expr {
    if (this.isKeyword("NOT")) {
      this.pos++;
      return { k: "not", e: this.not() };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.concat();
    const t = this.peek();
    if (t.t === "op" && ["=", "==", "<>", "!=", "<", "<=", ">", ">="].includes(t.v)) {
      this.pos++;
      const op = t.v === "==" ? "=" : t.v === "!=" ? "<>" : t.v;
      return { k: "bin", op, l: left, r: this.concat() };
    }
    let negated = false;
    if (this.isKeyword("NOT") && this.tokens[this.pos + 1]?.t === "id" && (this.tokens[this.pos + 1] as { v: string }).v === "LIKE") {
      this.pos++;
      negated = true;
    }
    if (this.isKeyword("LIKE")) {
      this.pos++;
      const pattern = this.concat();
      let escape: Expr | null = null;
      if (this.isKeyword("ESCAPE")) {
        this.pos++;
        escape = this.concat();
      }
      return { k: "like", l: left, r: pattern, escape, not: negated };
    }
    if (this.isKeyword("IS")) {
      this.pos++;
      let not = false;
      if (this.isKeyword("NOT")) {
        this.pos++;
        not = true;
      }
      this.keyword("NULL");
      return { k: "isnull", e: left, not };
    }
    return left;
  }

  private concat(): Expr {
    let left = this.unary();
    while (this.isOp("||")) {
      this.pos++;
      left = { k: "bin", op: "||", l: left, r: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp("-")) {
      this.pos++;
      return { k: "neg", e: this.unary() };
    }
    if (this.isOp("+")) {
      this.pos++;
      return this.unary();
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.t === "num" || t.t === "str") {
      this.pos++;
      return { k: "lit", v: t.v };
    }
    if (t.t === "param") {
      this.pos++;
      return { k: "param", index: this.params++ };
    }
    if (t.t === "op" && t.v === "(") {
      this.pos++;
      const e = this.expr();
      if (!this.isOp(")")) this.fail();
      this.pos++;
      return e;
    }
    if (t.t === "id" && t.v === "NULL") {
      this.pos++;
      return { k: "lit", v: null };
    }
    const next = this.tokens[this.pos + 1];
    if (t.t === "id" && next?.t === "op" && next.v === "(") {
      if (t.v !== "LOWER" && t.v !== "UPPER") throw new SqlError(`no such function: ${t.text}`);
      this.pos += 2;
      const arg = this.expr();
      if (!this.isOp(")")) this.fail();
      this.pos++;
      return { k: "call", fn: t.v, arg };
    }
    return { k: "col", name: this.identifier() };
  }
}

// --- evaluation (SQLite's rules, simplified) --------------------------------------------------------

function toNumber(v: Value): number {
  if (typeof v === "number") return v;
  const m = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)/.exec(v ?? "");
  return m ? Number(m[0]) : 0;
}

function truth(v: Value): boolean | null {
  return v === null ? null : toNumber(v) !== 0;
}

function fromBool(b: boolean | null): Value {
  return b === null ? null : b ? 1 : 0;
}

/** SQLite orders NULL < numbers < text; text compares byte by byte. */
function compare(a: Value, b: Value): number {
  if (typeof a === "number" && typeof b === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(b)) b = Number(b);
  if (typeof b === "number" && typeof a === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(a)) a = Number(a);
  const rank = (v: Value) => (v === null ? 0 : typeof v === "number" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === null || b === null) return 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One literal pattern character as a regular expression: SQLite's LIKE folds ASCII letters only. */
function likeLiteral(c: string): string {
  if (/^[A-Za-z]$/.test(c)) return `[${c.toLowerCase()}${c.toUpperCase()}]`;
  return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * SQLite's default LIKE: `%` any run, `_` any one character, case-insensitive for the 26 ASCII
 * letters only ('a' LIKE 'A' is true, 'é' LIKE 'É' is false), no escape character unless ESCAPE
 * names one. (PostgreSQL's LIKE is case-sensitive and uses backslash as its default escape.)
 */
function like(text: string, pattern: string, escape: string | null): boolean {
  let re = "^";
  const chars = [...pattern]; // code points, so "_" matches one character even outside the BMP
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== null && c === escape) {
      i++;
      re += likeLiteral(chars[i] ?? "");
    } else if (c === "%") re += "[\\s\\S]*";
    else if (c === "_") re += "[\\s\\S]";
    else re += likeLiteral(c);
  }
  return new RegExp(re + "$", "u").test(text);
}

function evaluate(e: Expr, row: Row, params: Value[]): Value {
  switch (e.k) {
    case "lit":
      return e.v;
    case "param":
      return params[e.index]!;
    case "col":
      if (!(e.name in row)) throw new SqlError(`no such column: ${e.name}`);
      return row[e.name]!;
    case "neg": {
      const v = evaluate(e.e, row, params);
      return v === null ? null : -toNumber(v);
    }
    case "not": {
      const b = truth(evaluate(e.e, row, params));
      return fromBool(b === null ? null : !b);
    }
    case "call": {
      // SQLite's built-in lower() and upper() change the ASCII letters only, like its LIKE.
      const v = evaluate(e.arg, row, params);
      if (v === null) return null;
      const text = String(v);
      return e.fn === "LOWER" ? text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : text.replace(/[a-z]/g, (c) => c.toUpperCase());
    }
    case "isnull": {
      const isNull = evaluate(e.e, row, params) === null;
      return fromBool(e.not ? !isNull : isNull);
    }
    case "like": {
      const text = evaluate(e.l, row, params);
      const pattern = evaluate(e.r, row, params);
      const escape = e.escape ? evaluate(e.escape, row, params) : null;
      if (text === null || pattern === null || (e.escape && escape === null)) return null;
      if (escape !== null && String(escape).length !== 1) throw new SqlError("ESCAPE expression must be a single character");
      const result = like(String(text), String(pattern), escape === null ? null : String(escape));
      return fromBool(e.not ? !result : result);
    }
    case "bin": {
      if (e.op === "AND" || e.op === "OR") {
        const l = truth(evaluate(e.l, row, params));
        const r = truth(evaluate(e.r, row, params));
        if (e.op === "AND") return fromBool(l === false || r === false ? false : l === null || r === null ? null : true);
        return fromBool(l === true || r === true ? true : l === null || r === null ? null : false);
      }
      const l = evaluate(e.l, row, params);
      const r = evaluate(e.r, row, params);
      if (l === null || r === null) return null;
      if (e.op === "||") return String(l) + String(r);
      const c = compare(l, r);
      const ops: Record<string, boolean> = { "=": c === 0, "<>": c !== 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0 };
      return fromBool(ops[e.op]!);
    }
  }
}

function runSelect(s: Select, params: Value[]): { names: string[]; rows: Value[][]; sources: Row[] } {
  let source: Row[] = [{}];
  let tableColumns: string[] = [];
  if (s.table !== null) {
    const table = TABLES[s.table];
    if (!table) throw new SqlError(`no such table: ${s.table}`);
    source = table.rows;
    tableColumns = table.columns;
  }
  const names = s.columns.flatMap((c) => (c.star ? tableColumns : [c.name]));
  const rows: Value[][] = [];
  const sources: Row[] = [];
  for (const row of source) {
    if (s.where && truth(evaluate(s.where, row, params)) !== true) continue;
    sources.push(row);
    rows.push(s.columns.flatMap((c) => (c.star ? tableColumns.map((name) => row[name]!) : [evaluate(c.expr!, row, params)])));
  }
  return { names, rows, sources };
}

function bindable(value: unknown, position: number): Value {
  if (value === null || typeof value === "string" || typeof value === "number") return value;
  throw new TypeError(`parameter ${position}: the database can bind only strings, numbers and null, got ${typeof value}`);
}

const log: { sql: string; params: Value[] }[] = [];

/**
 * Runs one SELECT statement and returns its rows as objects. `params` are bound to the `?`
 * placeholders in order. Throws SqlError for invalid SQL, as a real driver does.
 */
export function query(sql: string, params: unknown[] = []): Row[] {
  if (typeof sql !== "string") throw new TypeError("query: sql must be a string");
  if (!Array.isArray(params)) throw new TypeError("query: params must be an array");
  const values = params.map((p, i) => bindable(p, i + 1));
  log.push({ sql, params: values });
  const parser = new Parser(tokenize(sql));
  const statement = parser.statement();
  if (values.length < parser.params) throw new RangeError("Too few parameter values were provided");
  if (values.length > parser.params) throw new RangeError("Too many parameter values were provided");

  const parts = statement.selects.map(({ select, unionAll }) => ({ ...runSelect(select, values), unionAll }));
  const names = parts[0]!.names;
  // Each result row keeps the table row it came from: a lone SELECT may ORDER BY any table column.
  let rows: { values: Value[]; source: Row }[] = [];
  for (const [i, part] of parts.entries()) {
    if (part.names.length !== names.length) {
      throw new SqlError("SELECTs to the left and right of UNION do not have the same number of result columns");
    }
    rows = rows.concat(part.rows.map((values, j) => ({ values, source: part.sources[j]! })));
    if (i > 0 && !part.unionAll) {
      const seen = new Set<string>();
      rows = rows.filter((r) => {
        const key = JSON.stringify(r.values);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
  }
  const sortKey = (name: string): ((r: { values: Value[]; source: Row }) => Value) => {
    const i = names.indexOf(name);
    if (i !== -1) return (r) => r.values[i]!;
    const table = statement.selects[0]!.select.table;
    if (parts.length === 1 && table !== null && TABLES[table]!.columns.includes(name)) return (r) => r.source[name]!;
    throw new SqlError(parts.length === 1 ? `no such column: ${name}` : `1st ORDER BY term does not match any column in the result set`);
  };
  const keys = statement.orderBy.map(({ name, desc }) => ({ key: sortKey(name), desc }));
  rows.sort((a, b) => {
    for (const { key, desc } of keys) {
      const c = compare(key(a), key(b));
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });
  if (statement.limit !== null) rows = rows.slice(0, statement.limit);
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r.values[i]!])));
}

/** Every query run so far, with its parameters (the most recent last): handy for seeing what you sent. */
export function queryLog(): { sql: string; params: Value[] }[] {
  return log.map((entry) => ({ sql: entry.sql, params: [...entry.params] }));
}
