import { database } from "serverside:test";
import * as v1 from "./app-v1";
import * as v3 from "./app-v3";
import { backfillBatch, contract, expand, getProduct } from "./solution";

const columns = () => database.all("SELECT name FROM pragma_table_info('products') ORDER BY cid").map((c) => c.name);

describe("expand and contract", () => {
  test("after expand, app v1 still creates and reads products; its new row has no price_cents yet", () => {
    expand();
    const id = v1.createProduct("Lanyard", 3.5);
    expect(v1.getProduct(id)).toEqual({ id, name: "Lanyard", price: 3.5 });
    expect(columns()).toEqual(["id", "name", "price", "price_cents"]);
    expect(database.get("SELECT price_cents FROM products WHERE id = ?", id)).toEqual({ price_cents: null });
  });

  test("app v2 reads a row that v1 wrote: the Sticker (price 0.29) costs 29 cents", () => {
    expand();
    expect(getProduct(2)).toEqual({ id: 2, name: "Sticker", priceCents: 29 });
  });

  test("backfillBatch(3) fills 3 rows and says so", () => {
    expand();
    expect(backfillBatch(3)).toBe(3);
    expect(database.get("SELECT count(*) AS filled FROM products WHERE price_cents IS NOT NULL")).toEqual({ filled: 3 });
  });

  test("after a full backfill, contract drops price and app v3 reads every price in cents", () => {
    expand();
    for (let i = 0; i < 50 && backfillBatch(5) > 0; i++);
    contract();
    expect(columns()).toEqual(["id", "name", "price_cents"]);
    expect(v3.getProduct(8)).toEqual({ id: 8, name: "Hoodie", priceCents: 5495 });
  });
});
