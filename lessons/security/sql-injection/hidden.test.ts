import { findOrders, searchProducts } from "./solution";
import { queryLog } from "./db";

describe("findOrders still works", () => {
  test(`findOrders("Seán O'Brien", "pending") → order 5 (an apostrophe in a real name)`, () => {
    expect(findOrders("Seán O'Brien", "pending")).toEqual([{ id: 5, item: "Notebook", status: "pending" }]);
  });

  test(`findOrders("Seán O'Brien", "shipped") → order 8`, () => {
    expect(findOrders("Seán O'Brien", "shipped")).toEqual([{ id: 8, item: "Tea sampler", status: "shipped" }]);
  });

  test('findOrders("alice", "cancelled") → []', () => {
    expect(findOrders("alice", "cancelled")).toEqual([]);
  });

  test('findOrders("ALICE", "shipped") → [] (names match exactly)', () => {
    expect(findOrders("ALICE", "shipped")).toEqual([]);
  });

  test('findOrders("alice", "pending") → order 2 only', () => {
    expect(findOrders("alice", "pending")).toEqual([{ id: 2, item: "Tea sampler", status: "pending" }]);
  });
});

describe("searchProducts still works", () => {
  test('searchProducts("DESK") → Desk lamp (any case)', () => {
    expect(searchProducts("DESK")).toEqual([{ id: 2, name: "Desk lamp", price: 35 }]);
  });

  test('searchProducts("E") → published names containing "e" or "E", ordered by name', () => {
    expect(searchProducts("E").map((p) => p.name)).toEqual([
      "Blue mug",
      "Café blend beans",
      "Desk lamp",
      "Notebook",
      "Tea sampler",
      "snake_case stickers",
    ]);
  });

  test('searchProducts("%") → only "100% wool scarf" (a % typed by the user is a character, not a wildcard)', () => {
    expect(searchProducts("%").map((p) => p.name)).toEqual(["100% wool scarf"]);
  });

  test('searchProducts("_") → only "snake_case stickers" (_ is a character, not a wildcard)', () => {
    expect(searchProducts("_").map((p) => p.name)).toEqual(["snake_case stickers"]);
  });

  test('searchProducts("\\\\") (one backslash) → [] (no product name contains a backslash)', () => {
    expect(searchProducts("\\")).toEqual([]);
  });

  test('searchProducts("CAF") and searchProducts("café") → Café blend beans', () => {
    expect(searchProducts("CAF").map((p) => p.name)).toEqual(["Café blend beans"]);
    expect(searchProducts("café").map((p) => p.name)).toEqual(["Café blend beans"]);
  });

  test('searchProducts("CAFÉ") → [] (SQLite\'s LIKE folds only ASCII letters: É is not é)', () => {
    expect(searchProducts("CAFÉ")).toEqual([]);
  });

  test('searchProducts("\\w") (a backslash, then w) → [] (a backslash typed by the user is escaped too)', () => {
    expect(searchProducts("\\w")).toEqual([]);
  });

  test('searchProducts("headphones") → [] (unpublished products stay hidden)', () => {
    expect(searchProducts("headphones")).toEqual([]);
  });
});

describe("user input never becomes SQL text", () => {
  test("findOrders sends customer and status as parameters, not inside the SQL string", () => {
    findOrders("marker-c7q", "marker-s4z");
    const last = queryLog().at(-1);
    expect(last?.sql.includes("marker-c7q")).toBe(false);
    expect(last?.sql.includes("marker-s4z")).toBe(false);
    expect(last?.params).toContain("marker-c7q");
    expect(last?.params).toContain("marker-s4z");
  });

  test("searchProducts sends the search term as a parameter, not inside the SQL string", () => {
    searchProducts("marker-t9k");
    const last = queryLog().at(-1);
    expect(last?.sql.includes("marker-t9k")).toBe(false);
    expect(JSON.stringify(last?.params ?? []).includes("marker-t9k")).toBe(true);
  });
});
