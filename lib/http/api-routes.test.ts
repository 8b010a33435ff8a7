import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { API_ROUTES, allowHeader, findApiRoute, refuseOtherMethods } from "./api-routes.ts";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

/** "/api/v1/exercises/{exerciseId}/grade" from app/api/v1/exercises/[exerciseId]/grade/route.ts. */
const toPath = (file: string) =>
  "/api/v1/" +
  path
    .relative(API_DIR, path.dirname(file))
    .split(path.sep)
    .map((part) => part.replace(/^\[(.+)\]$/, "{$1}"))
    .join("/");

test("the table lists every API route file with the methods it implements", () => {
  const fromFiles = routeFiles(API_DIR)
    .filter((file) => !file.includes("[...path]"))
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const allowed = /export const \{([^}]*)\} = methodsNotAllowed\(\[([^\]]*)\]\)/.exec(source);
      assert.ok(allowed, `${file} does not export the other methods from methodsNotAllowed([...])`);
      const exported = allowed[1].split(",").map((m) => m.trim());
      assert.ok(exported.includes("OPTIONS"), `${file} must export OPTIONS (a true Allow header)`);
      const methods = allowed[2]
        .split(",")
        .map((m) => m.trim().replace(/"/g, ""))
        .filter(Boolean);
      // Each method is either implemented or answered 405, never missing (Next would answer 405 without Allow).
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const implemented = new RegExp(`export (const|async function) ${method}\\b`).test(source);
        assert.ok(
          implemented !== exported.includes(method),
          `${file}: ${method} must be either implemented or in methodsNotAllowed's exports`,
        );
      }
      return `${toPath(file)} ${methods.join(",")}`;
    })
    .sort();
  assert.deepEqual(API_ROUTES.map((r) => `${r.path} ${r.methods.join(",")}`).sort(), fromFiles);
});

test("the table agrees with the OpenAPI document", async () => {
  const { getOpenApiDocument } = await import("../api/openapi.ts");
  const document = getOpenApiDocument();
  const fromDocument = Object.entries(document.paths)
    .map(
      ([p, operations]) =>
        `/api/v1${p} ${Object.keys(operations)
          .map((m) => m.toUpperCase())
          .sort()
          .join(",")}`,
    )
    .sort();
  assert.deepEqual(
    API_ROUTES.map((r) => `${r.path} ${[...r.methods].sort().join(",")}`).sort(),
    fromDocument,
  );
});

test("paths find their route, and Allow lists HEAD with GET and OPTIONS always", () => {
  assert.equal(
    findApiRoute("/api/v1/exercises/http-status-codes/grade")?.path,
    "/api/v1/exercises/{exerciseId}/grade",
  );
  assert.equal(findApiRoute("/api/v1/exercises/x")?.path, "/api/v1/exercises/{exerciseId}");
  assert.equal(findApiRoute("/api/v1/nope"), undefined);
  assert.equal(allowHeader(["GET"]), "GET, HEAD, OPTIONS");
  assert.equal(allowHeader(["POST"]), "POST, OPTIONS");
});

test("refuseOtherMethods answers 405 with a body and a true Allow header, OPTIONS 204", async () => {
  const { POST, OPTIONS } = refuseOtherMethods(["GET", "PUT"]);
  const refused = await POST();
  assert.equal(refused.status, 405);
  assert.equal(refused.headers.get("allow"), "GET, PUT, HEAD, OPTIONS");
  assert.match(((await refused.json()) as { error: string }).error, /GET, PUT, HEAD, OPTIONS/);
  const options = await OPTIONS();
  assert.equal(options.status, 204);
  assert.equal(options.headers.get("allow"), "GET, PUT, HEAD, OPTIONS");
});
