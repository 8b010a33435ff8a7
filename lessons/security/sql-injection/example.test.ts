import { findOrders, searchProducts } from "./solution";

describe("findOrders", () => {
  test('findOrders("alice", "shipped") → orders 1 and 7', () => {
    expect(findOrders("alice", "shipped")).toEqual([
      { id: 1, item: "Blue mug", status: "shipped" },
      { id: 7, item: "Desk lamp", status: "shipped" },
    ]);
  });

  test('findOrders("bob", "pending") → order 4 only', () => {
    expect(findOrders("bob", "pending")).toEqual([{ id: 4, item: "Blue mug", status: "pending" }]);
  });

  test(`findOrders("' OR '1'='1' --", "shipped") → [] (no customer has that name)`, () => {
    expect(findOrders("' OR '1'='1' --", "shipped")).toEqual([]);
  });
});

describe("searchProducts", () => {
  test('searchProducts("mug") → the published Blue mug, not the unreleased Mug warmer', () => {
    expect(searchProducts("mug").map((p) => p.name)).toEqual(["Blue mug"]);
  });

  test('searchProducts("") → every published product, by name', () => {
    expect(searchProducts("").map((p) => p.name)).toEqual([
      "100% wool scarf",
      "Blue mug",
      "Café blend beans",
      "Desk lamp",
      "Notebook",
      "Tea sampler",
      "snake_case stickers",
    ]);
  });
});
