import { findOrders, searchProducts } from "./solution";

// Each payload is what an attacker would type into a form field. Treated as data, none of them
// names a real customer, status or product, so every call must return [] and must not throw.

const customerPayloads = [
  "' OR '1'='1",
  "' OR '1'='1' --",
  "alice' --",
  "alice'/*",
  "alice' OR customer <> 'alice",
  "\\' OR 1=1 --",
  "' UNION SELECT id, username, role FROM users --",
  "'; DROP TABLE orders; --",
];

describe("findOrders: attacks through customer", () => {
  for (const payload of customerPayloads) {
    test(`findOrders(${JSON.stringify(payload)}, "shipped") → []`, () => {
      expect(findOrders(payload, "shipped")).toEqual([]);
    });
  }
});

const statusPayloads = [
  "shipped' OR '1'='1",
  "x' OR customer <> 'nobody' --",
  "' UNION SELECT id, password_hash, role FROM users --",
];

describe("findOrders: attacks through status", () => {
  for (const payload of statusPayloads) {
    test(`findOrders("alice", ${JSON.stringify(payload)}) → []`, () => {
      expect(findOrders("alice", payload)).toEqual([]);
    });
  }
});

const searchPayloads = [
  "' OR published = 0 --",
  "%' OR '1'='1",
  "x' UNION SELECT id, username, password_hash FROM users --",
  "') OR 1=1 --",
  "headphones' OR name LIKE '%",
];

describe("searchProducts: attacks through the search term", () => {
  for (const payload of searchPayloads) {
    test(`searchProducts(${JSON.stringify(payload)}) → []`, () => {
      expect(searchProducts(payload)).toEqual([]);
    });
  }
});

describe("after the attacks", () => {
  test('findOrders("alice", "shipped") still returns orders 1 and 7', () => {
    for (const payload of customerPayloads) {
      try {
        findOrders(payload, "shipped");
      } catch {
        // an exception here is reported by the tests above
      }
    }
    expect(findOrders("alice", "shipped").map((o) => o.id)).toEqual([1, 7]);
  });
});
