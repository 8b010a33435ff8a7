import { handler } from "./solution";

const base = "http://localhost";
let counter = 0;

function send(method: string, path: string, body?: unknown): Request {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "Content-Type": "application/json" };
  }
  return new Request(base + path, init);
}

function freshSku(): string {
  counter += 1;
  return `HT-${counter}7${(counter * 37) % 100}`;
}

interface Product {
  id: number;
  sku: string;
  name: string;
  price: number;
}

async function create(fields: Partial<Product> = {}): Promise<Product> {
  const res = await handler(send("POST", "/products", { sku: freshSku(), name: "Lamp " + counter, price: 4100 + counter, ...fields }));
  expect(res.status).toBe(201);
  return res.json();
}

async function get(id: number): Promise<Response> {
  return handler(send("GET", `/products/${id}`));
}

async function fieldsOf(res: Response): Promise<string[]> {
  const body = await res.json();
  return Object.keys(body.fields ?? {}).sort();
}

function allowed(res: Response): string[] {
  return (res.headers.get("allow") ?? "").split(",").map((m) => m.trim().toUpperCase()).filter(Boolean).sort();
}

describe("PUT replaces", () => {
  test("PUT with all three fields → 200 with the replaced product, and GET shows it", async () => {
    const p = await create();
    const sku = freshSku();
    const res = await handler(send("PUT", `/products/${p.id}`, { sku, name: "Desk lamp", price: 3999 }));
    expect(res.status).toBe(200);
    const want = { id: p.id, sku, name: "Desk lamp", price: 3999 };
    expect(await res.json()).toEqual(want);
    expect(await (await get(p.id)).json()).toEqual(want);
  });

  test("PUT without one of the fields → 422 naming it as required, and nothing changes (PUT is not PATCH)", async () => {
    const p = await create();
    const res = await handler(send("PUT", `/products/${p.id}`, { name: "Half a product", price: 10 }));
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(["sku"]);
    expect(await (await get(p.id)).json()).toEqual(p);
  });

  test("PUT that keeps the product's own sku → 200, not 409 (a product does not conflict with itself)", async () => {
    const p = await create();
    const res = await handler(send("PUT", `/products/${p.id}`, { sku: p.sku, name: "Renamed", price: p.price }));
    expect(res.status).toBe(200);
    const patch = await handler(send("PATCH", `/products/${p.id}`, { sku: p.sku }));
    expect(patch.status).toBe(200);
  });
});

describe("PATCH changes some fields", () => {
  test("PATCH with only a name → 200, sku and price stay as they were", async () => {
    const p = await create();
    const res = await handler(send("PATCH", `/products/${p.id}`, { name: "Floor lamp" }));
    expect(res.status).toBe(200);
    expect(await (await get(p.id)).json()).toEqual({ ...p, name: "Floor lamp" });
  });

  test("PATCH with one valid and one invalid field → 422 and neither field changes", async () => {
    const p = await create();
    const res = await handler(send("PATCH", `/products/${p.id}`, { name: "Would be new", price: -1 }));
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(["price"]);
    expect(await (await get(p.id)).json()).toEqual(p);
  });

  test("PATCH that tries to set id (or any unknown field) → 422 naming that field; the id stays", async () => {
    const p = await create();
    const res = await handler(send("PATCH", `/products/${p.id}`, { id: p.id + 1000, name: "Moved" }));
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(["id"]);
    expect(await (await get(p.id)).json()).toEqual(p);
    const other = await handler(send("PATCH", `/products/${p.id}`, { stock: 3 }));
    expect(other.status).toBe(422);
  });

  test("PATCH or PUT to a sku another product uses → 409, and nothing changes", async () => {
    const a = await create();
    const b = await create();
    const patch = await handler(send("PATCH", `/products/${b.id}`, { sku: a.sku }));
    expect(patch.status).toBe(409);
    const put = await handler(send("PUT", `/products/${b.id}`, { sku: a.sku, name: "Clash", price: 1 }));
    expect(put.status).toBe(409);
    expect(await (await get(b.id)).json()).toEqual(b);
  });

  test("PATCH or PUT with a body that is not a JSON object → 400 (malformed), not 422 or a crash", async () => {
    const p = await create();
    for (const body of ["{oops", "", "[]", "null", "7"]) {
      const patch = await handler(send("PATCH", `/products/${p.id}`, body));
      expect(patch.status).toBe(400);
      const put = await handler(send("PUT", `/products/${p.id}`, body));
      expect(put.status).toBe(400);
    }
  });
});

describe("validation", () => {
  test("price must be a whole number of cents, 0 or more: 9.99, \"1200\", -1, null and 1e400 → 422; 0 → 201", async () => {
    for (const price of [9.99, "1200", -1, null, "1e400"]) {
      const body = `{"sku":"${freshSku()}","name":"Pen","price":${price === "1e400" ? "1e400" : JSON.stringify(price)}}`;
      const res = await handler(send("POST", "/products", body));
      expect(res.status).toBe(422);
      expect(await fieldsOf(res)).toEqual(["price"]);
    }
    const free = await handler(send("POST", "/products", { sku: freshSku(), name: "Sticker", price: 0 }));
    expect(free.status).toBe(201);
  });

  test("name: only spaces or 101 characters → 422; exactly 100 characters → 201; stored trimmed", async () => {
    for (const name of ["   ", "n".repeat(101), 5]) {
      const res = await handler(send("POST", "/products", { sku: freshSku(), name, price: 100 }));
      expect(res.status).toBe(422);
    }
    const long = await handler(send("POST", "/products", { sku: freshSku(), name: "m".repeat(100), price: 100 }));
    expect(long.status).toBe(201);
    const padded = await handler(send("POST", "/products", { sku: freshSku(), name: "  Tea pot ", price: 100 }));
    expect((await padded.json()).name).toBe("Tea pot");
  });

  test("sku: lower case, 2 characters, 21 characters or a space → 422; 3 and 20 characters → 201", async () => {
    for (const sku of ["cap-77", "AB", "A".repeat(21), "CAP 01", ""]) {
      const res = await handler(send("POST", "/products", { sku, name: "Cap", price: 100 }));
      expect(res.status).toBe(422);
      expect(await fieldsOf(res)).toEqual(["sku"]);
    }
    expect((await handler(send("POST", "/products", { sku: "Z9-", name: "Short", price: 1 }))).status).toBe(201);
    expect((await handler(send("POST", "/products", { sku: "LONG-SKU-0123456789", name: "Long", price: 1 }))).status).toBe(201);
    expect((await handler(send("POST", "/products", { sku: "LONG-SKU-01234567890", name: "Long", price: 1 }))).status).toBe(201);
  });

  test("422 lists every invalid field at once, and only those (not just the first one found)", async () => {
    const res = await handler(send("POST", "/products", { sku: freshSku(), name: "", price: 1.5 }));
    expect(res.status).toBe(422);
    expect(await fieldsOf(res)).toEqual(["name", "price"]);
    const put = await create();
    const res2 = await handler(send("PUT", `/products/${put.id}`, { sku: "bad", price: 3 }));
    expect(await fieldsOf(res2)).toEqual(["name", "sku"]);
  });

  test("POST with an extra id field → 422; rejected POSTs (422, 409, 400) create nothing", async () => {
    const before = (await (await handler(send("GET", "/products"))).json()).length;
    const withId = await handler(send("POST", "/products", { id: 1, sku: freshSku(), name: "Id", price: 1 }));
    expect(withId.status).toBe(422);
    const existing = await create();
    await handler(send("POST", "/products", { sku: existing.sku, name: "Dup", price: 1 }));
    await handler(send("POST", "/products", "{nope"));
    const after = (await (await handler(send("GET", "/products"))).json()).length;
    expect(after).toBe(before + 1);
  });
});

describe("DELETE and ids", () => {
  test("DELETE twice → 204 then 404; the product leaves the list and others stay", async () => {
    const a = await create();
    const b = await create();
    expect((await handler(send("DELETE", `/products/${a.id}`))).status).toBe(204);
    expect((await handler(send("DELETE", `/products/${a.id}`))).status).toBe(404);
    const ids = (await (await handler(send("GET", "/products"))).json()).map((p: Product) => p.id);
    expect(ids.includes(a.id)).toBe(false);
    expect(ids.includes(b.id)).toBe(true);
  });

  test("after a DELETE, a new product gets an id no other product has (ids are never reused)", async () => {
    const a = await create();
    await create();
    await handler(send("DELETE", `/products/${a.id}`));
    const c = await create();
    const list: Product[] = await (await handler(send("GET", "/products"))).json();
    expect(list.filter((p) => p.id === c.id).length).toBe(1);
    expect(c.id === a.id).toBe(false);
  });

  test("PUT, PATCH, DELETE and GET on a product that does not exist → 404", async () => {
    for (const method of ["PUT", "PATCH", "DELETE", "GET"]) {
      const res = await handler(send(method, "/products/987654", method === "PUT" || method === "PATCH" ? { sku: freshSku(), name: "Ghost", price: 1 } : undefined));
      expect(res.status).toBe(404);
    }
  });

  test("405 answers carry the right Allow: /products allows GET, HEAD, POST; /products/<id> adds PUT, PATCH, DELETE but not POST", async () => {
    const p = await create();
    const coll = await handler(send("DELETE", "/products"));
    expect(coll.status).toBe(405);
    expect(allowed(coll)).toEqual(["GET", "HEAD", "POST"]);
    const item = await handler(send("POST", `/products/${p.id}`, { name: "x" }));
    expect(item.status).toBe(405);
    expect(allowed(item)).toEqual(["DELETE", "GET", "HEAD", "PATCH", "PUT"]);
  });
});
