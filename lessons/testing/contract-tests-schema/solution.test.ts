import { handler } from "./solution";

/** A tiny schema language: a type name, a RegExp for strings, an object of fields (exact), or a check. */
type Schema = "string" | "number" | "string|null" | "string[]" | RegExp | { [field: string]: Schema } | ((value: unknown) => boolean);

/** Every way `value` breaks `schema`, as readable lines ("createdAt: expected ..."); [] when it conforms. */
function violations(value: unknown, schema: Schema, path = "body"): string[] {
  if (typeof schema === "function") return schema(value) ? [] : [`${path}: has the wrong value ${JSON.stringify(value)}`];
  if (schema instanceof RegExp) {
    return typeof value === "string" && schema.test(value) ? [] : [`${path}: expected a string matching ${schema}, got ${JSON.stringify(value)}`];
  }
  if (schema === "string|null") return value === null || typeof value === "string" ? [] : [`${path}: expected a string or null, got ${JSON.stringify(value)}`];
  if (schema === "string[]") {
    return Array.isArray(value) && value.every((v) => typeof v === "string") ? [] : [`${path}: expected an array of strings, got ${JSON.stringify(value)}`];
  }
  if (typeof schema === "string") return typeof value === schema ? [] : [`${path}: expected a ${schema}, got ${JSON.stringify(value)}`];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${path}: expected an object`];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(schema)) {
    if (!(key in record)) problems.push(`${path}.${key}: missing`);
    else problems.push(...violations(record[key], schema[key], `${path}.${key}`));
  }
  for (const key of Object.keys(record)) if (!(key in schema)) problems.push(`${path}.${key}: not in the contract`);
  return problems;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const userSchema = (id: string): Schema => ({
  id: (v) => v === id,
  email: "string",
  displayName: "string|null",
  roles: "string[]",
  createdAt: ISO_UTC,
  links: { self: (v) => v === `/users/${id}` },
});

const problemSchema = (status: number): Schema => ({
  type: (v) => v === "about:blank",
  title: "string",
  status: (v) => v === status,
  detail: "string",
});

const send = (path: string, method = "GET") => handler(new Request(`http://localhost${path}`, { method }));

describe("contract: users", () => {
  test.each([["u_1"], ["u_2"]])("GET /users/%s: 200, application/json, the user schema exactly", async (id) => {
    const res = send(`/users/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(violations(await res.json(), userSchema(id))).toEqual([]);
  });

  test("createdAt is a real instant (parses back to the same string)", async () => {
    for (const id of ["u_1", "u_2"]) {
      const body = await send(`/users/${id}`).json();
      expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    }
  });
});

describe("contract: errors (problem details)", () => {
  test("GET /users/u_999: 404, application/problem+json, the problem schema exactly", async () => {
    const res = send("/users/u_999");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(violations(await res.json(), problemSchema(404))).toEqual([]);
  });

  test("DELETE /users/u_1: 405, application/problem+json, the problem schema exactly", async () => {
    const res = send("/users/u_1", "DELETE");
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(violations(await res.json(), problemSchema(405))).toEqual([]);
  });
});

describe("the checker itself", () => {
  test("reports an extra field, a missing one and a wrong type", () => {
    expect(violations({ a: 1, b: "x" }, { a: "string", c: "string" })).toEqual([
      "body.a: expected a string, got 1",
      "body.c: missing",
      "body.b: not in the contract",
    ]);
  });
});
