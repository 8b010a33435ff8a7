import { chunk } from "./solution";

describe("chunk", () => {
  test("chunk([1, 2, 3, 4, 5], 2) → [[1, 2], [3, 4], [5]]", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  // Add tests at the edges: the empty list, sizes that divide the list exactly or not at all,
  // sizes that are not allowed, and what happens to the array you pass in.
});
