// Mistake: correct escaping by hand (' doubled), still pasted into the SQL text. It works today,
// but every call site must remember it forever; parameters keep data out of the SQL altogether.
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
  const q = (s: string) => "'" + s.replaceAll("'", "''") + "'";
  return query("SELECT id, item, status FROM orders WHERE customer = " + q(customer) + " AND status = " + q(status) + " ORDER BY id") as unknown as Order[];
}

/** Makes %, _ and the escape character itself match literally inside a LIKE pattern. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => "\\" + c);
}

/** Published products whose name contains `term` (any case), by name. */
export function searchProducts(term: string): Product[] {
  return query("SELECT id, name, price FROM products WHERE published = 1 AND name LIKE ? ESCAPE '\\' ORDER BY name", [
    "%" + escapeLike(term) + "%",
  ]) as unknown as Product[];
}
