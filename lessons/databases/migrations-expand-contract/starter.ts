import { db } from "serverside:db";

export interface ProductV2 {
  id: number;
  name: string;
  priceCents: number;
}

/**
 * A one-shot migration: rename the column and convert it in place. It works on an empty test
 * database, and it breaks every running copy of app v1 the moment it runs. Split it into steps.
 */
export function expand(): void {
  db.exec("ALTER TABLE products RENAME COLUMN price TO price_cents");
  db.exec("UPDATE products SET price_cents = price_cents * 100");
}

export function createProduct(name: string, priceCents: number): number {
  return Number(db.prepare("INSERT INTO products (name, price_cents) VALUES (?, ?)").run(name, priceCents).lastInsertRowid);
}

export function getProduct(id: number): ProductV2 | null {
  return (db.prepare("SELECT id, name, price_cents AS priceCents FROM products WHERE id = ?").get(id) as ProductV2 | undefined) ?? null;
}

export function updatePrice(id: number, priceCents: number): boolean {
  return db.prepare("UPDATE products SET price_cents = ? WHERE id = ?").run(priceCents, id).changes > 0;
}

export function backfillBatch(batchSize: number): number {
  void batchSize;
  return 0; // TODO
}

export function contract(): void {
  // TODO
}
