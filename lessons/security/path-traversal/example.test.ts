import { serveStatic } from "./solution";

async function show(res: Response): Promise<string> {
  return `${res.status} ${res.headers.get("content-type")} ${JSON.stringify(await res.text())}`;
}

describe("serveStatic", () => {
  test('"index.html" → 200 text/html with the page', async () => {
    expect(await show(serveStatic("index.html"))).toBe('200 text/html; charset=utf-8 "<!doctype html><title>Home</title><h1>Welcome</h1>"');
  });

  test('"docs/read%20me.txt" → 200, the file "read me.txt" (percent-decoded once)', async () => {
    expect(await show(serveStatic("docs/read%20me.txt"))).toBe('200 text/plain; charset=utf-8 "Read me first."');
  });

  test('"nope.html" → 404 {"error":"not_found"}', async () => {
    expect(await show(serveStatic("nope.html"))).toBe('404 application/json "{\\"error\\":\\"not_found\\"}"');
  });

  test('"../config/secrets.env" → 400 {"error":"bad_path"}, not the secrets', async () => {
    expect(await show(serveStatic("../config/secrets.env"))).toBe('400 application/json "{\\"error\\":\\"bad_path\\"}"');
  });
});
