import { database } from "serverside:test";
import * as v1 from "./app-v1";
import * as v3 from "./app-v3";
import { backfillBatch, contract, createProduct, expand, getProduct, updatePrice } from "./solution";

const columns = () => database.all("SELECT name FROM pragma_table_info('products') ORDER BY cid").map((c) => c.name);
const rows = () => database.all("SELECT * FROM products ORDER BY id");
/** Every row's price in cents, computed here from the dollars (round half away from zero). */
const centsFromDollars = () => database.all("SELECT id, CAST(round(price * 100) AS INTEGER) AS cents FROM products ORDER BY id");

describe("step 1: expand", () => {
  test("app v1 keeps working: its inserts and reads, with no value invented for the new column", { description: "v1 writes after expand; the new column must stay empty (no default) so the backfill knows what is left." }, () => {
    expand();
    const id = v1.createProduct("Keyring", 2.25);
    expect([v1.getProduct(1), v1.getProduct(id), database.get("SELECT price_cents FROM products WHERE id = ?", id)]).toEqual([
      { id: 1, name: "Mug", price: 12 }, { id, name: "Keyring", price: 2.25 }, { price_cents: null },
    ]);
  });

  test("expand adds only the new column and changes no data", { description: "Columns and rows right after expand." }, () => {
    const before = rows();
    expand();
    expect({ columns: columns(), rows: database.all("SELECT id, name, price FROM products ORDER BY id") }).toEqual({ columns: ["id", "name", "price", "price_cents"], rows: before });
  });

  test("expand can be run twice", { description: "A deploy that failed half-way runs its migrations again." }, () => {
    expand();
    let second = "ok";
    try {
      expand();
    } catch {
      second = "threw";
    }
    expect({ second, columns: columns() }).toEqual({ second: "ok", columns: ["id", "name", "price", "price_cents"] });
  });
});

describe("step 2: app v2 runs beside app v1", () => {
  test("v2 reads every v1 row in cents, rounded correctly", { description: "Dollar amounts whose REAL value is a hair below the cent (0.29, 1.15, 4.35)." }, () => {
    expand();
    const got = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => getProduct(id)?.priceCents);
    expect(got).toEqual([1200, 29, 1999, 850, 115, 435, 0, 5495]);
  });

  test("what v2 writes, v1 reads in dollars, and v2 reads back in cents", { description: "A product created by v2 and a price changed by v2, read by both versions." }, () => {
    expand();
    const id = createProduct("Cap", 1450);
    const changed = updatePrice(3, 2499);
    expect([v1.getProduct(id), getProduct(id), changed, v1.getProduct(3), getProduct(3)]).toEqual([
      { id, name: "Cap", price: 14.5 }, { id, name: "Cap", priceCents: 1450 }, true, { id: 3, name: "Poster", price: 24.99 }, { id: 3, name: "Poster", priceCents: 2499 },
    ]);
  });

  test("v2 writes both columns itself", { description: "The stored row after a v2 insert and a v2 update." }, () => {
    expand();
    const id = createProduct("Badge", 305);
    updatePrice(5, 120);
    expect(database.all("SELECT id, price, price_cents FROM products WHERE id IN (5, ?) ORDER BY id", id)).toEqual([
      { id: 5, price: 1.2, price_cents: 120 }, { id, price: 3.05, price_cents: 305 },
    ]);
  });

  test("v2 on a missing product", { description: "getProduct and updatePrice for an id that does not exist." }, () => {
    expand();
    expect([getProduct(999), updatePrice(999, 100)]).toEqual([null, false]);
  });
});

describe("step 3: backfill", () => {
  test("a batch fills exactly the batch size, lowest ids first", { description: "2,500 rows, one batch of 500." }, () => {
    database.use("crowded");
    expand();
    const filled = backfillBatch(500);
    const ids = database.get("SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM products WHERE price_cents IS NOT NULL");
    expect({ filled, ids }).toEqual({ filled: 500, ids: { lo: 1, hi: 500, n: 500 } });
  });

  test("each batch is one set-based statement, not a query per row", { description: "Counts the queries of one batch of 400." }, () => {
    database.use("crowded");
    expand();
    database.resetQueries();
    backfillBatch(400);
    expect(database.queryCount() <= 2).toBe(true);
  });

  test("run to the end, the backfill converts every row and then reports 0", { description: "Batches of 700 over 2,500 rows until a batch fills nothing." }, () => {
    database.use("crowded");
    expand();
    const counts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const n = backfillBatch(700);
      counts.push(n);
      if (n === 0) break;
    }
    const wrong = database.get("SELECT count(*) AS n FROM products WHERE price_cents IS NULL OR price_cents != CAST(round(price * 100) AS INTEGER)");
    expect({ counts, wrong }).toEqual({ counts: [700, 700, 700, 400, 0], wrong: { n: 0 } });
  });

  test("rows that already have price_cents are never overwritten", { description: "Rows written by v2 (and one whose cents differ from its dollars) survive the backfill unchanged." }, () => {
    expand();
    createProduct("Scarf", 1999);
    database.run("UPDATE products SET price_cents = 1234 WHERE id = 4"); // set by v2 after a price change the dollars missed
    const counts: number[] = [];
    let n: number;
    while ((n = backfillBatch(4)) > 0 && counts.length < 10) counts.push(n);
    expect({ counts, row4: database.get("SELECT price_cents FROM products WHERE id = 4") }).toEqual({ counts: [4, 3], row4: { price_cents: 1234 } });
  });

  test("the backfill can stop and resume, and picks up rows inserted meanwhile", { description: "A batch, then new rows from v1, then the rest." }, () => {
    expand();
    backfillBatch(5);
    const late = v1.createProduct("Late", 0.1);
    const rest: number[] = [];
    let n: number;
    while ((n = backfillBatch(5)) > 0 && rest.length < 10) rest.push(n);
    expect({ rest, late: database.get("SELECT price_cents FROM products WHERE id = ?", late) }).toEqual({ rest: [4], late: { price_cents: 10 } });
  });

  test("every backfilled value is the rounded number of cents", { description: "All 2,500 generated prices compared with the dollars they came from." }, () => {
    database.use("crowded");
    expand();
    for (let i = 0; i < 50 && backfillBatch(1000) > 0; i++);
    expect(database.all("SELECT id, price_cents AS cents FROM products ORDER BY id")).toEqual(centsFromDollars());
  });
});

describe("step 4: contract", () => {
  test("contract refuses while rows are not backfilled, and changes nothing", { description: "Contract called after only part of the backfill." }, () => {
    expand();
    backfillBatch(3);
    const before = rows();
    let outcome = "ran";
    try {
      contract();
    } catch {
      outcome = "refused";
    }
    expect({ outcome, columns: columns(), same: JSON.stringify(rows()) === JSON.stringify(before) }).toEqual({ outcome: "refused", columns: ["id", "name", "price", "price_cents"], same: true });
  });

  test("after contract, app v3 works and no price was lost", { description: "The whole sequence: expand, v1 and v2 writes, backfill, v3 writes, contract." }, () => {
    expand();
    const a = v1.createProduct("Patch", 2.3);
    const b = createProduct("Socks", 999);
    for (let i = 0; i < 50 && backfillBatch(3) > 0; i++);
    const c = v3.createProduct("Bottle", 1800);
    contract();
    expect({
      columns: columns(),
      prices: database.all("SELECT id, price_cents FROM products WHERE id IN (2, 5, ?, ?, ?) ORDER BY id", a, b, c).map((r) => r.price_cents),
      v3: v3.getProduct(c),
    }).toEqual({ columns: ["id", "name", "price_cents"], prices: [29, 115, 230, 999, 1800], v3: { id: c, name: "Bottle", priceCents: 1800 } });
  });
});
