// Mistake: a blocklist. Deleting quotes stops these payloads, but it also breaks real names such as
// O'Brien, and the input is still pasted into the SQL text.
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
  const sql =
    "SELECT id, item, status FROM orders WHERE customer = '" + quote(customer) + "' AND status = '" + quote(status) + "' ORDER BY id";
  return query(sql) as unknown as Order[];
}

/** Deletes every quote, so nobody can close the string. */
function quote(text: string): string {
  return text.replace(/'/g, "");
}

/** Published products whose name contains `term` (any case), by name. */
export function searchProducts(term: string): Product[] {
  const sql = "SELECT id, name, price FROM products WHERE published = 1 AND name LIKE '%" + quote(term) + "%' ORDER BY name";
  return query(sql) as unknown as Product[];
}
