// Mistake: the parameters stop the injection, but % and _ typed by the user are still LIKE wildcards,
// so a search for "%" lists every product.
import { query } from "./db";

export interface Order {
  id: number;
  item: string;
  status: string;
}

export interface Product {
  id: number;
  name: string;
  price: number;
}

/** The orders of one customer that have the given status, oldest first. */
export function findOrders(customer: string, status: string): Order[] {
  // The SQL text is a constant; the user's values travel separately, as parameters.
  return query("SELECT id, item, status FROM orders WHERE customer = ? AND status = ? ORDER BY id", [
    customer,
    status,
  ]) as unknown as Order[];
}

/** Published products whose name contains `term` (any case), by name. */
export function searchProducts(term: string): Product[] {
  return query("SELECT id, name, price FROM products WHERE published = 1 AND name LIKE ? ORDER BY name", [
    "%" + term + "%",
  ]) as unknown as Product[];
}
