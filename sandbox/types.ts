/**
 * The sandbox's public contract: what goes in (sources and limits) and what comes out (a versioned
 * result). Everything the rest of Serverside knows about grading is in this file.
 *
 * Written in erasable TypeScript (no enums, no parameter properties) so Node 24 runs it directly.
 */

/** Version of the result JSON. Bump on any incompatible change and document it in sandbox/README.md. */
export const RESULT_VERSION = 1;

export type Language = "ts" | "js";

/** Per-submission limits. Every field has a default (DEFAULT_LIMITS); exercises override some. */
export interface Limits {
  /** Wall time for the whole run (compile, load, all tests), in ms. */
  timeoutMs: number;
  /** Wall time for one test, in ms. */
  testTimeoutMs: number;
  /** Heap limit of the isolate, in MB. */
  memoryMb: number;
  /** Captured console output for the whole run, in bytes. */
  outputBytes: number;
  /** Captured console output per test, in bytes. */
  testOutputBytes: number;
  /** Size of the learner's source, in bytes. */
  sourceBytes: number;
  /** Number of tests (declared with test/it) a run may contain. */
  maxTests: number;
}

export type TestStatus = "pass" | "fail" | "error";

export interface TestResult {
  /** Full name: describe blocks and the test name joined with " > ". */
  name: string;
  status: TestStatus;
  /** What went wrong, for a learner: what was sent, what was expected, what came back. */
  message?: string;
  /** Captured console output of this test, capped at testOutputBytes. */
  output?: string;
  durationMs: number;
  /** True when the test came from a hidden test file: its source is never shown. */
  hidden?: boolean;
  /** A hidden test whose author lets learners see its values (`test.reveal`): shown like a visible test. */
  reveal?: boolean;
  /** The author's learner-facing description of what the test checks (`test(name, { description }, fn)`). */
  description?: string;
  /**
   * When the test ended with a thrown value: its built-in class (learner-chosen class names are not
   * reported), whether it was a subclass of it, and the learner's line that threw, when it was theirs.
   */
  thrown?: ThrownFacts;
  /**
   * Concealed hidden tests that did not pass (hidden and not revealed): what went wrong in words
   * that carry no value, output or learner-written text. The learner view shows it instead of
   * message and output (sandbox/README.md, "Disclosure").
   */
  summary?: string;
  /** Mutation jobs: this entry says whether the learner's tests catch one mutant. */
  mutant?: boolean;
  /** Set by toLearnerView: message and output were withheld under the disclosure policy. */
  redacted?: boolean;
}

export interface ThrownFacts {
  /** "TypeError", "RangeError", ..., "Error", "DOMException"; "object" (not an Error) or "value" (a primitive). */
  type: string;
  subclass?: boolean;
  /** The learner's file that threw ("solution.ts", or "store.ts" of a multi-file exercise), with line and column. */
  file?: string;
  line?: number;
  column?: number;
}

export type ErrorKind = "compile" | "runtime" | "timeout" | "memory" | "output" | "limit" | "internal";

export interface GradeError {
  kind: ErrorKind;
  /** A message the learner can act on. */
  message: string;
  /**
   * The learner's file the line is in ("solution.ts", or "store.ts" of a multi-file exercise), when
   * line is known.
   */
  file?: string;
  /** 1-based line and column in the learner's own source, when known. */
  line?: number;
  column?: number;
  /** When the message may carry hidden values: what a learner may be told instead (the learner view uses it). */
  summary?: string;
}

export interface GradeResult {
  version: typeof RESULT_VERSION;
  status: "pass" | "fail" | "error";
  tests: TestResult[];
  /** Present exactly when status is "error". */
  error?: GradeError;
  /** Output printed outside any test (module top level), capped. */
  output?: string;
  durationMs: number;
  /** The seed generated test inputs were drawn from (code jobs); grading again with it replays them. */
  seed?: number;
}

/** A test file. Tests import the learner's code as "./solution". */
export interface TestFile {
  /** File name shown in results and stack traces, e.g. "example.test.ts". */
  name: string;
  source: string;
  /** Hidden test files: names and messages are reported, source never is. */
  hidden?: boolean;
}

/**
 * A database for a code job: the module "serverside:db" gives learner code and tests `db` (SQLite, run by
 * the grader process); each test starts with a fresh database seeded from `seeds[seed]`, and tests
 * may switch to another seed (serverside:test `database.use(name)`).
 */
export interface DatabaseSpec {
  /** Seed name -> SQL (schema and rows). */
  seeds: Record<string, string>;
  /** The seed every test starts from. */
  seed: string;
}

/**
 * One of the learner's files in a multi-file exercise: "store.ts". Tests and the learner's other
 * files import it as "./store".
 */
export interface LearnerFile {
  name: string;
  source: string;
}

/**
 * function, handler, security and project exercises: learner code graded by test files. The learner's
 * code is exactly one of `code` (one file, imported as "./solution") and `files` (several files,
 * each imported by its own name). `limits.sourceBytes` applies to their total.
 */
export interface CodeJob {
  kind: "code";
  language: Language;
  code?: string;
  files?: LearnerFile[];
  tests: TestFile[];
  /** Extra modules tests or code may import, by specifier (e.g. "./db"): name -> source. */
  modules?: Record<string, string>;
  /** A database for learner code and tests (see DatabaseSpec). */
  database?: DatabaseSpec;
  /**
   * The reference solution: hidden test files (only they) may import it as "./reference": the
   * oracle that generated inputs are checked against, or a bound on the learner's work in the same
   * run (e.g. an O(1) cache must not be 10x slower). Learner code and support modules cannot.
   */
  reference?: string;
  /** Seeds generated inputs (fast-check in test files); a random one when absent. Replays a grade. */
  seed?: number;
  limits?: Partial<Limits>;
}

/** tests exercises: the learner's tests must pass on the correct module and fail on each mutant. */
export interface MutationJob {
  kind: "mutation";
  language: Language;
  /** The learner's test file; it imports the module under test as "./solution". */
  tests: string;
  /** The correct implementation. */
  module: string;
  /**
   * The module's other files, by specifier ("./store" -> source): the code under test spans
   * several files (a handler and its store). The module and the tests import them.
   */
  modules?: Record<string, string>;
  /**
   * Buggy variants; an empty list means "run against the correct module only" (the Run button).
   * `modules` replaces some of the module's other files (a bug in the store): the rest stay.
   */
  mutants: { name: string; description: string; source: string; modules?: Record<string, string> }[];
  /**
   * Other correct implementations of the module (author-written, different code, same behaviour).
   * The learner's tests must pass on each of them too, so a suite that recognizes the module by
   * its text, timing or the calls it makes (instead of checking behaviour) fails. Submit only.
   */
  equivalents?: { name: string; source: string; modules?: Record<string, string> }[];
  limits?: Partial<Limits>;
}

/** sql exercises: statements run on a fresh seeded SQLite database, compared with the reference. */
export interface SqlJob {
  kind: "sql";
  /** The learner's SQL. */
  code: string;
  /** The reference solution's SQL. */
  solution: string;
  /** Datasets: each one seeds a fresh database; hidden ones are reported without their contents. */
  datasets: { name: string; seed: string; hidden?: boolean }[];
  /**
   * "rows": compare the result set of the last statement; "tables": compare the final contents of
   * the listed tables (for INSERT/UPDATE/DELETE/CREATE exercises).
   */
  compare: { mode: "rows"; ordered: boolean } | { mode: "tables"; tables: string[] };
  /**
   * Probe sets: statements run one at a time after the SQL, on every dataset; each must be accepted
   * or rejected exactly as after the reference solution (constraints graded by behaviour). One test
   * per set and dataset, "dataset <name> > <set name>". Hidden sets run on hidden datasets only
   * when there are any.
   */
  probes?: { name: string; sql: string; hidden?: boolean }[];
  /**
   * Query files: after the SQL, each query's plan (EXPLAIN QUERY PLAN) must find rows through an
   * index wherever the reference's does, and not sort where it does not. One test per query, on the
   * first dataset, "query plan: <file name>:<line>".
   */
  plans?: { name: string; sql: string; hidden?: boolean }[];
  limits?: Partial<Limits>;
}

export type GradeJob = CodeJob | MutationJob | SqlJob;
