// Mistake: tests only the everyday case. Every rule about edges (length limits, dashes at the ends,
// digits, accents) goes untested, so most buggy versions pass.
import { slugify } from "./solution";

describe("slugify", () => {
  test("makes a slug from a title", () => {
    expect(slugify("Hello World")).toBe("hello-world");
  });

  test("handles punctuation", () => {
    expect(slugify("Hello, World")).toBe("hello-world");
  });
});
