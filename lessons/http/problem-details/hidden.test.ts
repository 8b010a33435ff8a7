import { handler } from "./solution";
import { stock } from "./inventory";

const T = "https://api.example.com/problems/";

function send(method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "Content-Type": "application/json" };
  }
  return handler(new Request("http://localhost" + path, init));
}

async function problemOf(res: Response): Promise<Record<string, unknown>> {
  expect(`${res.status} ${res.headers.get("content-type")}`).toMatch(/^\d{3} application\/problem\+json/);
  return res.json();
}

const pointers = (body: Record<string, unknown>) =>
  ((body.errors as { pointer: string }[]) ?? []).map((e) => e.pointer).sort();

describe("the shape of every error", () => {
  test("every error (400, 404, 405, 409, 422, 500) is application/problem+json whose status member equals the HTTP status", async () => {
    stock.set("SOLD-OUT", 0);
    const cases: [string, string, unknown][] = [
      ["POST", "/orders", "{nope"],
      ["GET", "/orders/4040", undefined],
      ["GET", "/elsewhere", undefined],
      ["DELETE", "/orders", undefined],
      ["POST", "/orders", { sku: "SOLD-OUT", quantity: 1 }],
      ["POST", "/orders", { sku: "MUG-01", quantity: -1 }],
      ["POST", "/orders", { sku: "FAULTY", quantity: 1 }],
    ];
    for (const [method, path, body] of cases) {
      const res = await send(method, path, body);
      const doc = await problemOf(res);
      expect(`${method} ${path}: status member ${String(doc.status)}`).toBe(`${method} ${path}: status member ${res.status}`);
      expect(typeof doc.type === "string" && typeof doc.title === "string").toBe(true);
    }
  });

  test("405 → about:blank, title Method Not Allowed, and Allow: POST on /orders, GET on /orders/<id>", async () => {
    const a = await send("PUT", "/orders", {});
    expect(a.status).toBe(405);
    expect(a.headers.get("allow")).toBe("POST");
    expect(await problemOf(a)).toMatchObject({ type: "about:blank", title: "Method Not Allowed", status: 405 });
    const b = await send("DELETE", "/orders/1");
    expect(b.status).toBe(405);
    expect(b.headers.get("allow")).toBe("GET");
  });

  test("an unexpected failure → 500 about:blank Internal Server Error, with no trace of the internal message", async () => {
    const res = await send("POST", "/orders", { sku: "FAULTY", quantity: 1 });
    expect(res.status).toBe(500);
    const text = await res.clone().text();
    for (const secret of ["10.0.0.5", "pa55", "postgres", "inventory", "stack", "at "]) {
      expect(`contains "${secret}": ${text.includes(secret)}`).toBe(`contains "${secret}": false`);
    }
    expect(await problemOf(res)).toEqual({ type: "about:blank", title: "Internal Server Error", status: 500 });
  });

  test("a body that is not JSON, or not an object → 400 with type malformed-body", async () => {
    for (const body of ["{nope", "[1,2]", "null", ""]) {
      const res = await send("POST", "/orders", body);
      expect(res.status).toBe(400);
      expect((await problemOf(res)).type).toBe(T + "malformed-body");
    }
  });
});

describe("validation problems (422)", () => {
  test("every invalid field is listed with a JSON pointer: both #/sku and #/quantity when both are wrong", async () => {
    const res = await send("POST", "/orders", { sku: "NO-SUCH", quantity: 1000 });
    expect(res.status).toBe(422);
    expect(pointers(await problemOf(res))).toEqual(["#/quantity", "#/sku"]);
    const missing = await send("POST", "/orders", {});
    expect(pointers(await problemOf(missing))).toEqual(["#/quantity", "#/sku"]);
  });

  test("quantity must be a whole number from 1 to 100: 0, 101, 2.5 and \"3\" → 422; 1 and 100 → 201", async () => {
    stock.set("BULK-01", 1000);
    for (const quantity of [0, 101, 2.5, "3", null]) {
      const res = await send("POST", "/orders", { sku: "BULK-01", quantity });
      expect(`${JSON.stringify(quantity)} → ${res.status}`).toBe(`${JSON.stringify(quantity)} → 422`);
      expect(pointers(await problemOf(res))).toEqual(["#/quantity"]);
    }
    expect(`stock after rejected orders: ${stock.get("BULK-01")}`).toBe("stock after rejected orders: 1000");
    for (const quantity of [1, 100]) {
      expect((await send("POST", "/orders", { sku: "BULK-01", quantity })).status).toBe(201);
    }
  });

  test("each item of errors has a pointer and a detail string, and the problem has an instance", async () => {
    const res = await send("POST", "/orders", { sku: 7, quantity: 1 });
    const doc = await problemOf(res);
    expect(doc.instance).toBe("/orders");
    for (const e of doc.errors as { pointer: unknown; detail: unknown }[]) {
      expect(typeof e.pointer === "string" && typeof e.detail === "string").toBe(true);
    }
  });
});

describe("out of stock (409)", () => {
  test("409 type out-of-stock carries the extension members sku and available (the real count)", async () => {
    for (const [sku, left, asked] of [["LAMP-07", 3, 4], ["DESK-02", 0, 1], ["PEN-10", 17, 50]] as const) {
      stock.set(sku, left);
      const res = await send("POST", "/orders", { sku, quantity: asked });
      expect(res.status).toBe(409);
      expect(await problemOf(res)).toMatchObject({ type: T + "out-of-stock", status: 409, sku, available: left });
    }
  });

  test("rejected orders (409, 422) create nothing and leave the stock as it was", async () => {
    stock.set("KEEP-01", 2);
    await send("POST", "/orders", { sku: "KEEP-01", quantity: 3 });
    await send("POST", "/orders", { sku: "KEEP-01", quantity: 0 });
    expect(stock.get("KEEP-01")).toBe(2);
    const ok = await send("POST", "/orders", { sku: "KEEP-01", quantity: 2 });
    expect(ok.status).toBe(201);
    expect(stock.get("KEEP-01")).toBe(0);
    const order = await ok.json();
    const read = await send("GET", `/orders/${order.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await read.json()).toEqual({ id: order.id, sku: "KEEP-01", quantity: 2 });
  });
});
