interface Product {
  id: number;
  sku: string;
  name: string;
  price: number;
}

const products: Product[] = [
  { id: 1, sku: "MUG-01", name: "Coffee mug", price: 1200 },
  { id: 2, sku: "TEE-01", name: "T-shirt", price: 2500 },
];
let nextId = 3;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function withoutBody(res: Response): Response {
  return new Response(null, { status: res.status, headers: res.headers });
}

export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);

  if (pathname === "/products") {
    if (req.method === "GET") return json(200, products);
    if (req.method === "HEAD") return withoutBody(json(200, products));
    // TODO: POST creates a product (201 + Location, 400, 422, 409). Use nextId for its id.
    return json(405, { error: "Method not allowed" }, { Allow: "GET, HEAD, POST" });
  }

  const match = /^\/products\/(\d+)$/.exec(pathname);
  if (match) {
    const product = products.find((p) => p.id === Number(match[1]));
    if (!product) return json(404, { error: `No product with id ${match[1]}` });
    if (req.method === "GET") return json(200, product);
    if (req.method === "HEAD") return withoutBody(json(200, product));
    // TODO: PUT replaces, PATCH changes some fields, DELETE removes (204).
    return json(405, { error: "Method not allowed" }, { Allow: "GET, HEAD" });
  }

  return json(404, { error: `Nothing at ${pathname}` });
}
