// Mistake: no catch-all, so an unexpected exception escapes and the client gets the platform's bare 500 instead of a problem document.
import { OutOfStockError, reserve, stock } from "./inventory";

interface Order {
  id: number;
  sku: string;
  quantity: number;
}

const orders: Order[] = [];
let nextId = 1;

const TYPES = "https://api.example.com/problems/";

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** Every error leaves through here, so every error has the same shape and media type. */
function problem(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

function ok(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

const HTTP_TITLES: Record<number, string> = {
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
};

/** "about:blank" problems: the type adds nothing beyond the status, so the title is its phrase. */
function plain(status: number, headers: Record<string, string> = {}): Response {
  return problem({ type: "about:blank", title: HTTP_TITLES[status], status }, headers);
}

async function createOrder(req: Request, path: string): Promise<Response> {
  let input: unknown;
  try {
    input = await req.json();
  } catch {
    return problem({ type: TYPES + "malformed-body", title: "Malformed request body", status: 400, detail: "The body is not valid JSON.", instance: path });
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return problem({ type: TYPES + "malformed-body", title: "Malformed request body", status: 400, detail: "The body must be a JSON object.", instance: path });
  }
  const { sku, quantity } = input as { sku?: unknown; quantity?: unknown };
  const errors: { pointer: string; detail: string }[] = [];
  if (typeof sku !== "string" || !stock.has(sku)) {
    errors.push({ pointer: "#/sku", detail: "must be the sku of a product we sell" });
  }
  if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1 || quantity > 100) {
    errors.push({ pointer: "#/quantity", detail: "must be a whole number from 1 to 100" });
  }
  if (errors.length > 0) {
    return problem({ type: TYPES + "validation-error", title: "Your request is not valid", status: 422, instance: path, errors });
  }
  try {
    reserve(sku as string, quantity as number);
  } catch (err) {
    if (err instanceof OutOfStockError) {
      return problem({
        type: TYPES + "out-of-stock",
        title: "Not enough items in stock",
        status: 409,
        detail: `You asked for ${String(quantity)} of ${err.sku}; ${err.available} left.`,
        instance: path,
        sku: err.sku,
        available: err.available,
      });
    }
    throw err;
  }
  const order: Order = { id: nextId++, sku: sku as string, quantity: quantity as number };
  orders.push(order);
  return ok(201, order, { Location: `/orders/${order.id}` });
}

async function route(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname === "/orders") {
    if (req.method !== "POST") return plain(405, { Allow: "POST" });
    return createOrder(req, pathname);
  }
  const match = /^\/orders\/(\d+)$/.exec(pathname);
  if (match) {
    if (req.method !== "GET") return plain(405, { Allow: "GET" });
    const order = orders.find((o) => o.id === Number(match[1]));
    if (!order) {
      return problem({ type: TYPES + "not-found", title: "Resource not found", status: 404, detail: `There is no order ${match[1]}.`, instance: pathname });
    }
    return ok(200, order);
  }
  return plain(404);
}

export async function handler(req: Request): Promise<Response> {
  return route(req);
}
