import assert from "node:assert/strict";
import { test } from "node:test";
import { safeRedirectPath } from "./safe-redirect.ts";

test("hostile next= values fall back to /learn", () => {
  const hostile = [
    "//evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example",
    "/.//evil.example/",
    "/././/evil.example",
    "/learn/../\\evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%2e/%2e//evil.example",
    "/learn/..//evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    " /learn",
    "/learn\u0000",
    "",
    "/" + "a".repeat(3000),
  ];
  for (const value of hostile) {
    const result = safeRedirectPath(value);
    assert.equal(result, "/learn", `${JSON.stringify(value)} -> ${result}`);
  }
  assert.equal(safeRedirectPath(undefined), "/learn");
  assert.equal(safeRedirectPath(42), "/learn");
});

test("whatever comes out resolves to this site in a browser's URL parser", () => {
  const samples = [
    "/x/..//evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "/learn?next=//evil.example",
    "/a/b/../../..//c",
  ];
  for (const value of samples) {
    const result = safeRedirectPath(value);
    assert.equal(
      new URL(result, "https://site.example").origin,
      "https://site.example",
      `${value} -> ${result}`,
    );
    assert.ok(!result.startsWith("//"), `${value} -> ${result}`);
  }
});

test("paths on this site survive, with query and fragment", () => {
  assert.equal(safeRedirectPath("/learn/http/http-status-codes"), "/learn/http/http-status-codes");
  assert.equal(safeRedirectPath("/teach?track=http#top"), "/teach?track=http#top");
  assert.equal(safeRedirectPath("/learn/./http/../databases"), "/learn/databases");
  assert.equal(safeRedirectPath("/"), "/");
});
