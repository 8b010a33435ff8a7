// Mistake: applies each valid field as soon as it is checked, so a rejected PATCH or PUT has already changed the product.
interface Product { id: number; sku: string; name: string; price: number }
const products: Product[] = [
  { id: 1, sku: "MUG-01", name: "Coffee mug", price: 1200 },
  { id: 2, sku: "TEE-01", name: "T-shirt", price: 2500 },
];
let nextId = 3;
function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}
function withoutBody(res: Response): Response {
  return new Response(null, { status: res.status, headers: res.headers });
}
async function body(req: Request): Promise<Record<string, unknown> | null> {
  try {
    const v = await req.json();
    return v && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
const okSku = (v: unknown) => typeof v === "string" && /^[A-Z0-9-]{3,20}$/.test(v);
const okName = (v: unknown) => typeof v === "string" && v.trim() !== "" && v.trim().length <= 100;
const okPrice = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0;
function errorsFor(b: Record<string, unknown>, partial: boolean): Record<string, string> {
  const e: Record<string, string> = {};
  for (const k of Object.keys(b)) if (!["sku", "name", "price"].includes(k)) e[k] = "unknown";
  if (b.sku !== undefined || !partial) if (!okSku(b.sku)) e.sku = "bad";
  if (b.name !== undefined || !partial) if (!okName(b.name)) e.name = "bad";
  if (b.price !== undefined || !partial) if (!okPrice(b.price)) e.price = "bad";
  return e;
}
export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname === "/products") {
    if (req.method === "GET") return json(200, products);
    if (req.method === "HEAD") return withoutBody(json(200, products));
    if (req.method === "POST") {
      const b = await body(req);
      if (!b) return json(400, { error: "bad body" });
      const e = errorsFor(b, false);
      if (Object.keys(e).length) return json(422, { error: "invalid", fields: e });
      if (products.some((p) => p.sku === b.sku)) return json(409, { error: "taken" });
      const p = { id: nextId++, sku: b.sku as string, name: (b.name as string).trim(), price: b.price as number };
      products.push(p);
      return json(201, p, { Location: "/products/" + p.id });
    }
    return json(405, { error: "no" }, { Allow: "GET, HEAD, POST" });
  }
  const m = /^\/products\/(\d+)$/.exec(pathname);
  if (m) {
    if (!["GET", "HEAD", "PUT", "PATCH", "DELETE"].includes(req.method)) return json(405, { error: "no" }, { Allow: "GET, HEAD, PUT, PATCH, DELETE" });
    const i = products.findIndex((p) => p.id === Number(m[1]));
    if (i < 0) return json(404, { error: "missing" });
    const p = products[i];
    if (req.method === "GET") return json(200, p);
    if (req.method === "HEAD") return withoutBody(json(200, p));
    if (req.method === "DELETE") { products.splice(i, 1); return new Response(null, { status: 204 }); }
    const b = await body(req);
    if (!b) return json(400, { error: "bad body" });
    const partial = req.method === "PATCH";
    const e: Record<string, string> = {};
    // Applies each valid field as soon as it is checked.
    for (const k of Object.keys(b)) if (!["sku", "name", "price"].includes(k)) e[k] = "unknown";
    if (b.sku !== undefined || !partial) { if (okSku(b.sku)) { if (products.some((o) => o.sku === b.sku && o.id !== p.id)) return json(409, { error: "taken" }); p.sku = b.sku as string; } else e.sku = "bad"; }
    if (b.name !== undefined || !partial) { if (okName(b.name)) p.name = (b.name as string).trim(); else e.name = "bad"; }
    if (b.price !== undefined || !partial) { if (okPrice(b.price)) p.price = b.price as number; else e.price = "bad"; }
    if (Object.keys(e).length) return json(422, { error: "invalid", fields: e });
    return json(200, p);
  }
  return json(404, { error: "nothing" });
}
