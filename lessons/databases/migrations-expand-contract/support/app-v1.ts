/**
 * Version 1 of the shop (importable as "./app-v1"): it knows only the REAL `price` column, in
 * dollars. It keeps running while the migration is under way, so every step must leave it working.
 */
import { db } from "serverside:db";

export interface ProductV1 {
  id: number;
  name: string;
  price: number;
}

/** Adds a product; returns its id. */
export function createProduct(name: string, price: number): number {
  return Number(db.prepare("INSERT INTO products (name, price) VALUES (?, ?)").run(name, price).lastInsertRowid);
}

/** The product with this id, or null. */
export function getProduct(id: number): ProductV1 | null {
  return (db.prepare("SELECT id, name, price FROM products WHERE id = ?").get(id) as ProductV1 | undefined) ?? null;
}
