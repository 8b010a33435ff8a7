/** Thrown by reserve() when there are fewer items in stock than asked for. */
export class OutOfStockError extends Error {
  constructor(
    readonly sku: string,
    readonly available: number,
  ) {
    super(`Only ${available} of ${sku} left`);
    this.name = "OutOfStockError";
  }
}

/** Items in stock per sku. The tests change these numbers. */
export const stock = new Map<string, number>([
  ["MUG-01", 5],
  ["TEE-01", 0],
  ["CAP-01", 12],
  ["FAULTY", 99],
]);

/**
 * Takes `quantity` items of `sku` out of stock. Throws OutOfStockError when there are not enough,
 * and a plain Error when the inventory system itself fails (the sku "FAULTY" simulates that).
 */
export function reserve(sku: string, quantity: number): void {
  if (sku === "FAULTY") throw new Error("inventory: connection to postgres://inv:pa55@10.0.0.5 refused");
  const available = stock.get(sku) ?? 0;
  if (available < quantity) throw new OutOfStockError(sku, available);
  stock.set(sku, available - quantity);
}
