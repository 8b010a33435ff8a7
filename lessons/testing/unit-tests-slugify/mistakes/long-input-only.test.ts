// Mistake: tests truncation only with inputs far over the limit, never at the boundary, so an
// off-by-one in the length check survives.
import { slugify } from "./solution";

describe("slugify", () => {
  test("lowercases and joins words", () => {
    expect(slugify("  Top 10 Tips, Café Edition!  ")).toBe("top-10-tips-cafe-edition");
  });

  test("collapses separators", () => {
    expect(slugify("a -- b")).toBe("a-b");
  });

  test("keeps long slugs short", () => {
    expect(slugify("x".repeat(200)).length < 60).toBe(true);
  });
});
