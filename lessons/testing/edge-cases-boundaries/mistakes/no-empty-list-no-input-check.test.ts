// Mistake: good on sizes, but never tries the empty list or looks at the array it passed in.
import { chunk } from "./solution";
describe("chunk", () => {
  test("remainder", () => expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]));
  test("exact", () => expect(chunk([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]));
  test("size one", () => expect(chunk([1, 2], 1)).toEqual([[1], [2]]));
  test.each([[0], [-1], [2.5], [NaN]])("bad %p", (s) => expect(() => chunk([1], s)).toThrow(RangeError));
});
