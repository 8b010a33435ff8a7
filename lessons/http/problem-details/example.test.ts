import { handler } from "./solution";

function post(body: unknown): Promise<Response> {
  return handler(
    new Request("http://localhost/orders", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

describe("problem details", () => {
  test('POST /orders {"sku":"MUG-01","quantity":2} → 201 application/json with Location', async () => {
    const res = await post({ sku: "MUG-01", quantity: 2 });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("location")).toMatch(/^\/orders\/\d+$/);
  });

  test("GET /orders/999 → 404 application/problem+json with type, title, status and instance", async () => {
    const res = await handler(new Request("http://localhost/orders/999"));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body).toMatchObject({
      type: "https://api.example.com/problems/not-found",
      title: "Resource not found",
      status: 404,
      instance: "/orders/999",
    });
  });

  test('POST /orders {"sku":"MUG-01","quantity":0} → 422 with errors: [{ pointer: "#/quantity" }]', async () => {
    const res = await post({ sku: "MUG-01", quantity: 0 });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.type).toBe("https://api.example.com/problems/validation-error");
    expect(body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(["#/quantity"]);
  });

  test('GET /nope → 404 {"type":"about:blank","title":"Not Found","status":404}', async () => {
    const res = await handler(new Request("http://localhost/nope"));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: "about:blank", title: "Not Found", status: 404 });
  });
});
