import { chunk } from "./solution";

describe("chunk: sizes of the chunks", () => {
  test("5 items, size 2 → [[1, 2], [3, 4], [5]] (the last chunk has the rest)", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  test("4 items, size 2 → two full chunks, no empty one after them", () => {
    expect(chunk([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
  });

  test("3 items, size 3 → one chunk (exactly the size)", () => {
    expect(chunk(["a", "b", "c"], 3)).toEqual([["a", "b", "c"]]);
  });

  test("2 items, size 5 → one chunk with both (smaller than the size)", () => {
    expect(chunk(["a", "b"], 5)).toEqual([["a", "b"]]);
  });

  test("size 1 → one chunk per item", () => {
    expect(chunk([7, 8, 9], 1)).toEqual([[7], [8], [9]]);
  });

  test("[] → [] (no chunks, not one empty chunk)", () => {
    expect(chunk([], 3)).toEqual([]);
  });
});

describe("chunk: invalid sizes", () => {
  test.each([[0], [-2], [1.5], [Number.NaN]])("size %p throws a RangeError", (size) => {
    expect(() => chunk([1, 2, 3], size)).toThrow(RangeError);
  });
});

describe("chunk: the input", () => {
  test("the input array is left as it was", () => {
    const items = [1, 2, 3, 4, 5];
    chunk(items, 2);
    expect(items).toEqual([1, 2, 3, 4, 5]);
  });

  test("changing a chunk does not change the input, even when one chunk holds everything", () => {
    const items = [1, 2];
    const chunks = chunk(items, 2);
    chunks[0].push(99);
    expect(items).toEqual([1, 2]);
  });
});
