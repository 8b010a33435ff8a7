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
    "SELECT id, item, status FROM orders WHERE customer = '" + customer + "' AND status = '" + status + "' ORDER BY id";
  return query(sql) as unknown as Order[];
}

/** Published products whose name contains `term` (any case), by name. */
export function searchProducts(term: string): Product[] {
  const sql = "SELECT id, name, price FROM products WHERE published = 1 AND name LIKE '%" + term + "%' ORDER BY name";
  return query(sql) as unknown as Product[];
}
