import { network } from "serverside:test";
import { BlockedUrlError, safeFetch } from "./solution";

/** A DNS stand-in: answers from a table and records every name it was asked. */
function dns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (name: string) => {
    asked.push(name);
    return Object.hasOwn(table, name) ? [...table[name]!] : [];
  };
  return { resolve, asked };
}

/** What a call ended with, as text: "blocked <reason>", "<status> <body>", or the error. */
async function outcome(p: Promise<Response>): Promise<string> {
  try {
    const res = await p;
    return `${res.status} ${await res.text()}`;
  } catch (error) {
    if (error instanceof BlockedUrlError) return `blocked ${error.reason}`;
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}
/** Internal addresses answer like the services behind them would, so a request that gets through shows. */
const internalServicesAnswer = () => network.on(/^https?:\/\//, { status: 200, body: "SECRET internal data" });
const sent = () => network.requests().map((r) => `${r.method} ${r.url} host=${r.headers["host"]}`);

describe("safeFetch", () => {
  test("a public site is fetched at the address its name resolved to, with its Host header", async () => {
    const { resolve } = dns({ "news.example": ["93.184.215.14"] });
    network.on("GET http://93.184.215.14/story?id=7", { status: 200, body: "<title>Hello</title>" });
    expect(await outcome(safeFetch("http://news.example/story?id=7", resolve))).toBe("200 <title>Hello</title>");
    expect(sent()).toEqual(["GET http://93.184.215.14/story?id=7 host=news.example"]);
  });

  test("http://127.0.0.1/admin is refused as private_address, and nothing is sent", async () => {
    internalServicesAnswer();
    const { resolve } = dns({});
    expect(await outcome(safeFetch("http://127.0.0.1/admin", resolve))).toBe("blocked private_address");
    expect(sent()).toEqual([]);
  });

  test("the cloud metadata address 169.254.169.254 is refused", async () => {
    internalServicesAnswer();
    const { resolve } = dns({});
    expect(await outcome(safeFetch("http://169.254.169.254/latest/meta-data/", resolve))).toBe("blocked private_address");
    expect(sent()).toEqual([]);
  });

  test("a name that resolves to a private address (10.0.0.7) is refused", async () => {
    internalServicesAnswer();
    const { resolve, asked } = dns({ "intranet.example": ["10.0.0.7"] });
    expect(await outcome(safeFetch("https://intranet.example/", resolve))).toBe("blocked private_address");
    expect({ asked, sent: sent() }).toEqual({ asked: ["intranet.example"], sent: [] });
  });

  test("file:///etc/passwd is refused as scheme", async () => {
    const { resolve } = dns({});
    expect(await outcome(safeFetch("file:///etc/passwd", resolve))).toBe("blocked scheme");
  });

  test("a redirect to http://127.0.0.1/ is refused before it is followed", async () => {
    const { resolve } = dns({ "short.example": ["93.184.215.20"] });
    network.on("GET http://93.184.215.20/x", { status: 302, headers: { location: "http://127.0.0.1/" } });
    internalServicesAnswer();
    expect(await outcome(safeFetch("http://short.example/x", resolve))).toBe("blocked private_address");
    expect(sent()).toEqual(["GET http://93.184.215.20/x host=short.example"]);
  });
});
