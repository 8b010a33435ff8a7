// Mistake: fetches every published product and filters in JavaScript. No injection, but the
// database does the work it exists for badly, and JavaScript case rules are not SQLite's.
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

/** Makes %, _ and the escape character itself match literally inside a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => "\\" + c);
}

/** Published products whose name contains `term` (any case), by name. */
export function searchProducts(term: string): Product[] {
  const all = query("SELECT id, name, price FROM products WHERE published = 1 ORDER BY name") as unknown as Product[];
  return all.filter((p) => p.name.toLowerCase().includes(term.toLowerCase()));
}
