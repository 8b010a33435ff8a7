// Mistake: the rules are covered, but the limit is tested only on titles whose slug is as long as the
// title, and the default is never used: cutting the raw title first, or a default of 60, survives.
import { slugify } from "./solution";
describe("slugify", () => {
  test("lowercase", () => expect(slugify("Hello World")).toBe("hello-world"));
  test("digits", () => expect(slugify("Top 10 tips")).toBe("top-10-tips"));
  test("accents", () => expect(slugify("Café déjà vu")).toBe("cafe-deja-vu"));
  test("runs", () => expect(slugify("rock  &  roll")).toBe("rock-roll"));
  test("ends", () => expect(slugify("  --Hello!--  ")).toBe("hello"));
  test("cut", () => expect(slugify("abcdefgh", 5)).toBe("abcde"));
  test("cut dash", () => expect(slugify("hello world", 6)).toBe("hello"));
});
