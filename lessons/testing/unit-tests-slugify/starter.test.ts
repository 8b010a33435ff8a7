import { slugify } from "./solution";

describe("slugify", () => {
  test('"hello" stays "hello"', () => {
    expect(slugify("hello")).toBe("hello");
  });

  // Add tests here. Each rule in the doc comment of slugify deserves at least one test, and the
  // rule about maxLength deserves a test on each side of the limit.
});
