// Mistake: DELETE answers 200 with the deleted product instead of 204 No Content.
interface Product {
  id: number;
  sku: string;
  name: string;
  price: number;
}

type Fields = Omit<Product, "id">;
type FieldErrors = Partial<Record<keyof Fields, string>>;

const products: Product[] = [
  { id: 1, sku: "MUG-01", name: "Coffee mug", price: 1200 },
  { id: 2, sku: "TEE-01", name: "T-shirt", price: 2500 },
];
let nextId = 3;

const FIELD_NAMES: (keyof Fields)[] = ["sku", "name", "price"];

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

function withoutBody(res: Response): Response {
  return new Response(null, { status: res.status, headers: res.headers });
}

/** The parsed body if it is a JSON object, or the 400 response to send. */
async function readObject(req: Request): Promise<Record<string, unknown> | Response> {
  let input: unknown;
  try {
    input = await req.json();
  } catch {
    return json(400, { error: "Body must be valid JSON" });
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return json(400, { error: "Body must be a JSON object" });
  }
  return input as Record<string, unknown>;
}

function checkField(name: keyof Fields, value: unknown): string | null {
  if (name === "sku") {
    return typeof value === "string" && /^[A-Z0-9-]{3,20}$/.test(value)
      ? null
      : "must be 3 to 20 characters of A-Z, 0-9 and -";
  }
  if (name === "name") {
    return typeof value === "string" && value.trim() !== "" && value.trim().length <= 100
      ? null
      : "must be a non-empty string of at most 100 characters";
  }
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
    ? null
    : "must be a whole number of cents, 0 or more";
}

/**
 * Validates `input` against the fields. `partial` (PATCH) lets fields be missing; PUT and POST need
 * all of them. Unknown keys are errors too, so a client cannot smuggle in `id`.
 */
function validate(input: Record<string, unknown>, partial: boolean): FieldErrors & Record<string, string> {
  const errors: Record<string, string> = {};
  for (const key of Object.keys(input)) {
    if (!(FIELD_NAMES as string[]).includes(key)) errors[key] = "is not a field you can set";
  }
  for (const name of FIELD_NAMES) {
    if (!(name in input)) {
      if (!partial) errors[name] = "is required";
      continue;
    }
    const problem = checkField(name, input[name]);
    if (problem) errors[name] = problem;
  }
  return errors;
}

function skuTaken(sku: unknown, exceptId: number | null): boolean {
  return products.some((p) => p.sku === sku && p.id !== exceptId);
}

async function create(req: Request): Promise<Response> {
  const input = await readObject(req);
  if (input instanceof Response) return input;
  const errors = validate(input, false);
  if (Object.keys(errors).length > 0) return json(422, { error: "Validation failed", fields: errors });
  if (skuTaken(input.sku, null)) return json(409, { error: `sku ${String(input.sku)} is already in use` });
  const product: Product = {
    id: nextId++,
    sku: input.sku as string,
    name: (input.name as string).trim(),
    price: input.price as number,
  };
  products.push(product);
  return json(201, product, { Location: `/products/${product.id}` });
}

async function update(req: Request, product: Product, partial: boolean): Promise<Response> {
  const input = await readObject(req);
  if (input instanceof Response) return input;
  const errors = validate(input, partial);
  if (Object.keys(errors).length > 0) return json(422, { error: "Validation failed", fields: errors });
  if ("sku" in input && skuTaken(input.sku, product.id)) {
    return json(409, { error: `sku ${String(input.sku)} is already in use` });
  }
  // Everything was checked first, so a rejected request changes nothing.
  if ("sku" in input) product.sku = input.sku as string;
  if ("name" in input) product.name = (input.name as string).trim();
  if ("price" in input) product.price = input.price as number;
  return json(200, product);
}

export async function handler(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);

  if (pathname === "/products") {
    if (req.method === "GET") return json(200, products);
    if (req.method === "HEAD") return withoutBody(json(200, products));
    if (req.method === "POST") return create(req);
    return json(405, { error: "Method not allowed" }, { Allow: "GET, HEAD, POST" });
  }

  const match = /^\/products\/(\d+)$/.exec(pathname);
  if (match) {
    const allow = "GET, HEAD, PUT, PATCH, DELETE";
    if (!allow.split(", ").includes(req.method)) {
      return json(405, { error: "Method not allowed" }, { Allow: allow });
    }
    const index = products.findIndex((p) => p.id === Number(match[1]));
    if (index === -1) {
      const missing = json(404, { error: `No product with id ${match[1]}` });
      return req.method === "HEAD" ? withoutBody(missing) : missing;
    }
    const product = products[index];
    if (req.method === "GET") return json(200, product);
    if (req.method === "HEAD") return withoutBody(json(200, product));
    if (req.method === "PUT") return update(req, product, false);
    if (req.method === "PATCH") return update(req, product, true);
    products.splice(index, 1);
    return json(200, product);
    // 204 has no body: the Fetch API throws a TypeError if you give a 204 Response one.
    return new Response(null, { status: 204 });
  }

  return json(404, { error: `Nothing at ${pathname}` });
}
