import { slugify } from "./solution";

describe("slugify: characters", () => {
  test('"Hello World" → "hello-world" (lowercase)', () => {
    expect(slugify("Hello World")).toBe("hello-world");
  });

  test('"Top 10 tips for 2025" → "top-10-tips-for-2025" (digits are kept)', () => {
    expect(slugify("Top 10 tips for 2025")).toBe("top-10-tips-for-2025");
  });

  test('"Café déjà vu" → "cafe-deja-vu" (accents removed, letters kept)', () => {
    expect(slugify("Café déjà vu")).toBe("cafe-deja-vu");
  });
});

describe("slugify: dashes", () => {
  test('"rock  &  roll" → "rock-roll" (a run of separators becomes one dash)', () => {
    expect(slugify("rock  &  roll")).toBe("rock-roll");
  });

  test('"  --Hello!--  " → "hello" (no dash at either end)', () => {
    expect(slugify("  --Hello!--  ")).toBe("hello");
  });

  test('"Hello!" → "hello" (no dash at the end, even with nothing at the start)', () => {
    expect(slugify("Hello!")).toBe("hello");
  });

  test('"!!!" → "" (nothing left)', () => {
    expect(slugify("!!!")).toBe("");
  });
});

describe("slugify: maxLength", () => {
  test('slugify("abcde", 5) → "abcde" (exactly maxLength is not cut)', () => {
    expect(slugify("abcde", 5)).toBe("abcde");
  });

  test('slugify("abcdefgh", 5) → "abcde" (cut to exactly maxLength)', () => {
    expect(slugify("abcdefgh", 5)).toBe("abcde");
  });

  test('slugify("hello world", 6) → "hello" (no dash left at the cut)', () => {
    expect(slugify("hello world", 6)).toBe("hello");
  });

  test('slugify("Hello,   wide   world", 11) → "hello-wide" (the limit counts slug characters, not title characters)', () => {
    expect(slugify("Hello,   wide   world", 11)).toBe("hello-wide");
  });

  test("the default maxLength is 50", () => {
    const long = "a".repeat(60);
    expect(slugify(long)).toHaveLength(50);
    expect(slugify("a".repeat(50))).toHaveLength(50);
  });
});
