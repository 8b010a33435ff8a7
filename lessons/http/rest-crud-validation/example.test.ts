import { handler } from "./solution";

const base = "http://localhost";

function send(method: string, path: string, body?: unknown): Request {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "Content-Type": "application/json" };
  }
  return new Request(base + path, init);
}

describe("products API", () => {
  test('POST /products {"sku":"CAP-01","name":"Cap","price":1500} → 201 with Location', async () => {
    const res = await handler(send("POST", "/products", { sku: "CAP-01", name: "Cap", price: 1500 }));
    expect(res.status).toBe(201);
    const product = await res.json();
    expect(product).toEqual({ id: product.id, sku: "CAP-01", name: "Cap", price: 1500 });
    expect(res.headers.get("location")).toBe(`/products/${product.id}`);
  });

  test('POST /products {"sku":"MUG-01",...} (sku already used by product 1) → 409', async () => {
    const res = await handler(send("POST", "/products", { sku: "MUG-01", name: "Other mug", price: 900 }));
    expect(res.status).toBe(409);
  });

  test('POST /products {"sku":"x","name":"","price":-5} → 422 listing sku, name and price', async () => {
    const res = await handler(send("POST", "/products", { sku: "x", name: "", price: -5 }));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(Object.keys(body.fields).sort()).toEqual(["name", "price", "sku"]);
  });

  test('PATCH /products/2 {"price":2000} → 200, only the price changes', async () => {
    const res = await handler(send("PATCH", "/products/2", { price: 2000 }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 2, sku: "TEE-01", name: "T-shirt", price: 2000 });
  });

  test("DELETE /products/1 → 204 with no body, then GET /products/1 → 404", async () => {
    const res = await handler(send("DELETE", "/products/1"));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const again = await handler(send("GET", "/products/1"));
    expect(again.status).toBe(404);
  });
});
