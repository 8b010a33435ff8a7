// Mistake: refuses 0 and -1 but never tries a fractional size or NaN, and never checks a list that
// fits in one chunk for aliasing: half of the validation and the copy rule go untested.
import { chunk } from "./solution";
describe("chunk", () => {
  test("remainder", () => expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]));
  test("exact", () => expect(chunk([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]));
  test("empty", () => expect(chunk([], 5)).toEqual([]));
  test("zero", () => expect(() => chunk([1, 2], 0)).toThrow(RangeError));
  test("negative", () => expect(() => chunk([1, 2], -1)).toThrow(RangeError));
  test("input kept", () => { const a = [1, 2, 3]; chunk(a, 2); expect(a).toEqual([1, 2, 3]); });
});
