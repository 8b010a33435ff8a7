import { OutOfStockError, reserve, stock } from "./inventory";

interface Order {
  id: number;
  sku: string;
  quantity: number;
}

const orders: Order[] = [];
let nextId = 1;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

// TODO: every error below should be an application/problem+json document (RFC 9457), and an
// unexpected exception should become a 500 problem instead of escaping.
export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname === "/orders") {
    if (req.method !== "POST") return json(405, { error: "Method not allowed" }, { Allow: "POST" });
    let input: { sku?: unknown; quantity?: unknown };
    try {
      input = await req.json();
    } catch {
      return json(400, { error: "Bad JSON" });
    }
    const { sku, quantity } = input;
    if (typeof sku !== "string" || !stock.has(sku)) return json(422, { error: "Bad sku" });
    if (typeof quantity !== "number") return json(422, { error: "Bad quantity" });
    try {
      reserve(sku, quantity);
    } catch (err) {
      if (err instanceof OutOfStockError) return json(409, { error: err.message });
      throw err;
    }
    const order: Order = { id: nextId++, sku, quantity };
    orders.push(order);
    return json(201, order, { Location: `/orders/${order.id}` });
  }
  const match = /^\/orders\/(\d+)$/.exec(pathname);
  if (match) {
    if (req.method !== "GET") return json(405, { error: "Method not allowed" }, { Allow: "GET" });
    const order = orders.find((o) => o.id === Number(match[1]));
    return order ? json(200, order) : json(404, { error: "No such order" });
  }
  return json(404, { error: "Not found" });
}
