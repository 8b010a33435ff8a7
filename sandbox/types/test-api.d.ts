/**
 * Ambient declarations of the test API inside the sandbox (describe, test/it, expect, hooks), so
 * an author's editor type-checks test files. Test files may also `import { test, expect } from
 * "vitest"` (or "@jest/globals"): the sandbox resolves those to the same functions.
 */
export {};

type TestFn = () => void | Promise<unknown>;

interface AsymmetricMatcher {
  readonly __asymmetric?: never;
}

interface Matchers<R> {
  toBe(expected: unknown): R;
  toEqual(expected: unknown): R;
  toStrictEqual(expected: unknown): R;
  toMatchObject(expected: object): R;
  toThrow(expected?: string | RegExp | Error | (new (...args: never[]) => unknown)): R;
  toThrowError(expected?: string | RegExp | Error | (new (...args: never[]) => unknown)): R;
  toMatch(expected: string | RegExp): R;
  toContain(item: unknown): R;
  toContainEqual(item: unknown): R;
  toHaveLength(length: number): R;
  toHaveProperty(path: string | (string | number)[], value?: unknown): R;
  toBeCloseTo(expected: number, digits?: number): R;
  toBeTruthy(): R;
  toBeFalsy(): R;
  toBeNull(): R;
  toBeUndefined(): R;
  toBeDefined(): R;
  toBeNaN(): R;
  toBeGreaterThan(expected: number | bigint): R;
  toBeGreaterThanOrEqual(expected: number | bigint): R;
  toBeLessThan(expected: number | bigint): R;
  toBeLessThanOrEqual(expected: number | bigint): R;
  toBeInstanceOf(expected: abstract new (...args: never[]) => unknown): R;
}

interface Expectation extends Matchers<void> {
  not: Matchers<void>;
  resolves: Matchers<Promise<void>> & { not: Matchers<Promise<void>> };
  rejects: Matchers<Promise<void>> & { not: Matchers<Promise<void>> };
}

interface Expect {
  (actual: unknown): Expectation;
  anything(): AsymmetricMatcher & any;
  any(constructor: unknown): AsymmetricMatcher & any;
  stringContaining(text: string): AsymmetricMatcher & any;
  stringMatching(pattern: string | RegExp): AsymmetricMatcher & any;
  objectContaining(object: object): AsymmetricMatcher & any;
  arrayContaining(items: readonly unknown[]): AsymmetricMatcher & any;
}

interface Each {
  // biome-ignore lint: rows are any-typed by design, as in Jest
  each<T extends readonly unknown[] | unknown>(
    table: readonly T[],
  ): (name: string, fn: (...args: T extends readonly unknown[] ? T : [T]) => void | Promise<unknown>) => void;
}

/** Options of `test(name, options, fn)` (vitest's shape, options second). */
interface TestOptions {
  /** One learner-facing sentence on what the test checks (up to 1000 characters), shown under its name. */
  description?: string;
  /** A hidden test whose messages and output learners see like a visible test's. */
  reveal?: boolean;
}

interface TestDeclaration {
  (name: string, fn: TestFn): void;
  (name: string, options: TestOptions, fn: TestFn): void;
}

interface TestApi extends Each, TestDeclaration {
  /** A hidden test shown in full (the same as the option `reveal: true`). */
  reveal: TestDeclaration;
}

interface DescribeApi extends Each {
  (name: string, fn: () => void): void;
}

declare global {
  const describe: DescribeApi;
  const test: TestApi;
  const it: TestApi;
  const expect: Expect;
  function beforeEach(fn: TestFn): void;
  function afterEach(fn: TestFn): void;
}
