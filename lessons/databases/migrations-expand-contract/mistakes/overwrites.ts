import { db } from "serverside:db";

export interface ProductV2 {
  id: number;
  name: string;
  priceCents: number;
}

/** Dollars as REAL to whole cents, the same way in SQL and in TypeScript (0.29 * 100 is 28.999...). */
const CENTS_SQL = "CAST(round(price * 100) AS INTEGER)";

/** Step 1, expand: add the new column beside the old one. Nullable, no default: NULL means "not yet filled". */
export function expand(): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('products')").all() as { name: string }[];
  // Migrations get re-run after a failed deploy: adding a column that exists would throw.
  if (columns.some((c) => c.name === "price_cents")) return;
  db.exec("ALTER TABLE products ADD COLUMN price_cents INTEGER CHECK (price_cents >= 0)");
}

/** Step 2, the app version that runs beside v1: writes both columns, reads the new one with a fallback. */
export function createProduct(name: string, priceCents: number): number {
  return Number(db.prepare("INSERT INTO products (name, price, price_cents) VALUES (?, ?, ?)").run(name, priceCents / 100, priceCents).lastInsertRowid);
}

export function getProduct(id: number): ProductV2 | null {
  // Rows that v1 wrote, or that the backfill has not reached, have no price_cents yet.
  const row = db.prepare(`SELECT id, name, COALESCE(price_cents, ${CENTS_SQL}) AS priceCents FROM products WHERE id = ?`).get(id);
  return (row as ProductV2 | undefined) ?? null;
}

export function updatePrice(id: number, priceCents: number): boolean {
  return db.prepare("UPDATE products SET price = ?, price_cents = ? WHERE id = ?").run(priceCents / 100, priceCents, id).changes > 0;
}

/**
 * Step 3, backfill one batch: fills `price_cents` of at most `batchSize` rows that have none, lowest
 * ids first, in ONE statement, and returns how many it filled (0 when done). Rows that already have
 * a value are never touched, so it can be stopped and re-run at any time.
 */
export function backfillBatch(batchSize: number): number {
  return db
    .prepare(`UPDATE products SET price_cents = ${CENTS_SQL} WHERE id IN (SELECT id FROM products ORDER BY id LIMIT ?)`)
    .run(batchSize).changes;
}

/** Step 4, contract: drop the old column, but only once nothing depends on it any more. */
export function contract(): void {
  const missing = db.prepare("SELECT count(*) AS n FROM products WHERE price_cents IS NULL").get() as { n: number };
  if (missing.n > 0) throw new Error(`backfill not finished: ${missing.n} rows have no price_cents`);
  db.exec("ALTER TABLE products DROP COLUMN price");
}
