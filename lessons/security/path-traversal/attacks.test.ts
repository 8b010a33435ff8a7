// Names an attacker puts after /static/ to read files outside the public folder: the server's
// secrets, its source code, the admin folder next door, system files. Each → 400 (or 404 where
// the name, decoded once, is just an odd file name), and never a secret.
import { serveStatic } from "./solution";

const SECRETS = ["hunter2", "sk_live", "root:x:0", "the server's source code"];

async function refused(raw: string, status: number): Promise<void> {
  let res: Response;
  try {
    res = serveStatic(raw);
  } catch (e) {
    throw new Error(`serveStatic threw instead of answering ${status}`);
  }
  const text = await res.text();
  expect(SECRETS.filter((s) => text.includes(s))).toEqual([]);
  expect(res.status).toBe(status);
}

const cases: [string, string, number][] = [
  ["dot-dot segments", "../config/secrets.env", 400],
  ["many dot-dot segments", "../../../../../../etc/passwd", 400],
  ["dot-dot after a real folder", "css/../../config/secrets.env", 400],
  ["the app's own source", "../app.ts", 400],
  ["encoded dots and slashes (%2e%2e%2f)", "%2e%2e%2fconfig%2fsecrets.env", 400],
  ["upper-case encoding (%2E%2E%2F)", "%2E%2E%2Fconfig%2Fsecrets.env", 400],
  ["an encoded slash only", "..%2fconfig%2fsecrets.env", 400],
  ["half-encoded dots (.%2e)", ".%2e/config/secrets.env", 400],
  ["an absolute path", "/etc/passwd", 400],
  ["an encoded absolute path", "%2fetc%2fpasswd", 400],
  ["a double slash", "//etc/passwd", 400],
  ["backslashes", "..\\config\\secrets.env", 400],
  ["encoded backslashes", "..%5cconfig%5csecrets.env", 400],
  ["backslashes after a real folder", "css%5c..%5c..%5cconfig%5csecrets.env", 400],
  ["the sibling folder whose name starts like the root (public-admin)", "../public-admin/keys.txt", 400],
  ["....// (survives removing ../ once)", "....//config/secrets.env", 400],
  ["..././ (survives removing ../ once)", "..././config/secrets.env", 400],
  ["a NUL byte before a harmless extension", "..%2fconfig%2fsecrets.env%00.css", 400],
  ["a NUL byte inside the public folder", "index.html%00", 400],
  ["overlong UTF-8 dots (%c0%ae)", "%c0%ae%c0%ae/config/secrets.env", 400],
  ["double encoding (%252e%252e%252f): one decode gives an odd, missing name", "%252e%252e%252fconfig%252fsecrets.env", 404],
  ["double-encoded slashes only", "..%252f..%252fapp.ts", 404],
];

describe("attempts to leave the public folder", () => {
  for (const [what, raw, status] of cases) {
    test(`${what} → ${status}, no secret`, async () => {
      await refused(raw, status);
    });
  }
});
