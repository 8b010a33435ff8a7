// Mistake: checks how many chunks come back, not what is in them, and never looks at the input.
import { chunk } from "./solution";
test("count", () => { expect(chunk([1, 2, 3, 4, 5], 2)).toHaveLength(3); });
test("empty", () => { expect(chunk([], 2)).toHaveLength(0); });
test("zero", () => { expect(() => chunk([1], 0)).toThrow(); });
test("frac", () => { expect(() => chunk([1], 1.5)).toThrow(); });
