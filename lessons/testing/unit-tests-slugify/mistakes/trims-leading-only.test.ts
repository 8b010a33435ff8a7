// Mistake: every separator sits at the start of its input ("  --hello", "!!!"), so a version that
// trims only leading dashes passes; "Hello!" would have shown "hello-".
import { slugify } from "./solution";
describe("slugify", () => {
  test("lowercase", () => expect(slugify("Hello World")).toBe("hello-world"));
  test("digits", () => expect(slugify("Top 10 tips")).toBe("top-10-tips"));
  test("accents", () => expect(slugify("Café déjà vu")).toBe("cafe-deja-vu"));
  test("runs", () => expect(slugify("rock  &  roll")).toBe("rock-roll"));
  test("leading", () => expect(slugify("  --hello")).toBe("hello"));
  test("nothing", () => expect(slugify("!!!")).toBe(""));
  test("exact", () => expect(slugify("abcde", 5)).toBe("abcde"));
  test("cut", () => expect(slugify("abcdefgh", 5)).toBe("abcde"));
  test("cut dash", () => expect(slugify("hello world", 6)).toBe("hello"));
  test("default", () => expect(slugify("a".repeat(60))).toHaveLength(50));
});
