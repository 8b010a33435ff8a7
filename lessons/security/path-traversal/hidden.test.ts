// Honest file names (subfolders, spaces, %, accents, dots inside names, every content type) and
// generated names built from real and hostile segments, compared with the reference.
import fc from "fast-check";
import * as reference from "./reference";
import { serveStatic } from "./solution";

async function outcome(res: Response): Promise<[number, string | null, string | null, string]> {
  const ok = res.status === 200;
  return [res.status, res.headers.get("content-type"), ok ? res.headers.get("x-content-type-options") : null, ok ? await res.text() : ""];
}

describe("honest names", () => {
  const files: [string, string, string][] = [
    ["css/site.css", "text/css; charset=utf-8", "body { font-family: system-ui; }"],
    ["img/logo.svg", "image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'],
    ["data/prices.json", "application/json", '{"mug":12}'],
    ["downloads/app.bin", "application/octet-stream", "BINARY"],
  ];
  for (const [name, type, body] of files) {
    test(`a .${name.split(".").pop()} file in a subfolder → 200 with its Content-Type and nosniff`, async () => {
      expect(await outcome(serveStatic(name))).toEqual([200, type, "nosniff", body]);
    });
  }

  test("a name with an encoded % (100%25) is decoded exactly once", async () => {
    expect(await outcome(serveStatic("docs/100%25.txt"))).toEqual([200, "text/plain; charset=utf-8", "nosniff", "Give it 100%."]);
  });

  test("a name with an accent, percent-encoded as UTF-8", async () => {
    expect(await outcome(serveStatic("docs/caf%C3%A9.txt"))).toEqual([200, "text/plain; charset=utf-8", "nosniff", "Menu du jour."]);
  });

  test("an upper-case extension (docs/SCAN.HTML) gets the same Content-Type as a lower-case one", async () => {
    expect(await outcome(serveStatic("docs/SCAN.HTML"))).toEqual([200, "text/html; charset=utf-8", "nosniff", "<!doctype html><title>Scan</title>"]);
  });

  test("an extension that arrives percent-encoded (index.%68tml) is typed by the decoded name, the file that is served", async () => {
    expect(await outcome(serveStatic("index.%68tml"))).toEqual([200, "text/html; charset=utf-8", "nosniff", "<!doctype html><title>Home</title><h1>Welcome</h1>"]);
  });

  test("two dots inside a name (v1..v2.txt) are an ordinary name, not a way up", async () => {
    expect(await outcome(serveStatic("docs/v1..v2.txt"))).toEqual([200, "text/plain; charset=utf-8", "nosniff", "Changes from v1 to v2."]);
  });

  test("a folder, a missing file, a missing folder → 404", async () => {
    for (const name of ["css", "docs/none.txt", "missing/deep/file.txt", "INDEX.HTML"]) {
      expect((await outcome(serveStatic(name))).slice(0, 2)).toEqual([404, "application/json"]);
    }
  });

  test("empty names, empty or dot segments, and malformed escapes → 400", async () => {
    for (const name of ["", "css/", "css//site.css", "./index.html", "css/./site.css", "docs/100%.txt", "%", "%zz", "%E9"]) {
      const res = serveStatic(name);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: "bad_path" });
    }
  });
});

// --- generated names --------------------------------------------------------------------------------------

const segment = fc.constantFrom(
  "index.html", "css", "site.css", "docs", "read%20me.txt", "100%25.txt", "v1..v2.txt", "config", "secrets.env", "public-admin", "keys.txt", "etc", "passwd",
  "..", ".", "", "%2e%2e", "%2E%2E", ".%2e", "%2e", "%252e%252e", "...", "....", "..%5c..", "a%00", "%c0%ae", "%", "~",
);
const separator = fc.constantFrom("/", "/", "/", "%2f", "%2F", "%5c", "\\", "%252f");
const name = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(segment, separator), { minLength: 1, maxLength: 5 }))
  .map(([leadingSlash, parts]) => (leadingSlash ? "/" : "") + parts.map(([s, sep]) => s + sep).join("").replace(/(\/|%2f|%2F|%5c|\\|%252f)$/, ""));

test(
  "generated names agree with the reference",
  { description: "Random names built from real folders and files, '..', '.', empty segments, encoded and double-encoded dots and slashes, backslashes, NUL bytes and broken escapes; status, type and body must be the reference's." },
  async () => {
    await fc.assert(
      fc.asyncProperty(name, async (raw) => {
        const expected = await outcome(reference.serveStatic(raw));
        let mine: Awaited<ReturnType<typeof outcome>>;
        try {
          mine = await outcome(serveStatic(raw));
        } catch {
          mine = [500, "threw", null, ""];
        }
        expect(mine).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  },
);
