// Mistake: escapes % and _ but not the escape character itself, so a backslash typed by the user
// escapes the next character of the pattern instead of matching a backslash.
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
  return text.replace(/[%_]/g, (c) => "\\" + c);
}

/** Published products whose name contains `term` (any case), by name. */
export function searchProducts(term: string): Product[] {
  return query("SELECT id, name, price FROM products WHERE published = 1 AND name LIKE ? ESCAPE '\\' ORDER BY name", [
    "%" + escapeLike(term) + "%",
  ]) as unknown as Product[];
}
