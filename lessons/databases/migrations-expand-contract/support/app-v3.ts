/**
 * Version 3 of the shop (importable as "./app-v3"): deployed after the backfill, before the
 * contract step. It reads and writes only `price_cents`.
 */
import { db } from "serverside:db";

export interface ProductV3 {
  id: number;
  name: string;
  priceCents: number;
}

/** Adds a product; returns its id. */
export function createProduct(name: string, priceCents: number): number {
  return Number(db.prepare("INSERT INTO products (name, price_cents) VALUES (?, ?)").run(name, priceCents).lastInsertRowid);
}

/** The product with this id, or null. */
export function getProduct(id: number): ProductV3 | null {
  return (db.prepare("SELECT id, name, price_cents AS priceCents FROM products WHERE id = ?").get(id) as ProductV3 | undefined) ?? null;
}
