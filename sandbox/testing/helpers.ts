/** Small builders shared by the sandbox's own tests. */
import type { CodeJob, GradeResult, Limits, TestFile } from "../types.ts";

export const SLUGIFY = `export function slugify(s: string): string {
  return s.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}
`;

/** Hidden tests for the slugify exercise; SECRET_MARKER must never appear in any result. */
export const SECRET_MARKER = "SECRET_MARKER_7f3a9c";
export const SLUGIFY_HIDDEN: TestFile = {
  name: "hidden.test.ts",
  hidden: true,
  source: `import { slugify } from "./solution";
describe("slugify", () => {
  test("lowercases and joins words", () => {
    const marker = "${SECRET_MARKER}";
    expect(slugify("Hello World")).toBe("hello-world");
    void marker;
  });
  test("trims", () => {
    expect(slugify("  Trim me  ")).toBe("trim-me");
  });
});
`,
};

export function codeJob(
  code: string,
  tests: TestFile[] = [SLUGIFY_HIDDEN],
  limits?: Partial<Limits>,
  extra: Partial<CodeJob> = {},
): CodeJob {
  return { kind: "code", language: "ts", code, tests, ...(limits ? { limits } : {}), ...extra };
}

export function visible(source: string, name = "example.test.ts"): TestFile {
  return { name, source };
}

/** Readable summary for assertion messages. */
export function brief(result: GradeResult): string {
  return JSON.stringify(
    {
      status: result.status,
      error: result.error,
      tests: result.tests.map((t) => [t.name, t.status, t.message?.slice(0, 300)]),
    },
    null,
    1,
  );
}
