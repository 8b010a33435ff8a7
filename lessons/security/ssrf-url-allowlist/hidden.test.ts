import fc from "fast-check";
import { network } from "serverside:test";
import * as reference from "./reference";
import { BlockedUrlError, safeFetch } from "./solution";

function dns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (name: string) => {
    asked.push(name);
    return Object.hasOwn(table, name) ? [...table[name]!] : [];
  };
  return { resolve, asked };
}

async function outcome(p: Promise<Response>, Blocked: new (...args: never[]) => { reason: string } = BlockedUrlError): Promise<string> {
  try {
    const res = await p;
    return `${res.status} ${await res.text()}`;
  } catch (error) {
    if (error instanceof Blocked) return `blocked ${error.reason}`;
    return `error ${(error as Error).name}`;
  }
}

/** Every address answers 200 with the URL and Host header it was asked for. */
function echoServer(): void {
  network.on(/^https?:\/\//, (req) => ({ status: 200, body: `${req.url} host=${req.headers.get("host")}` }));
}
const sent = () => network.requests().map((r) => `${r.url} host=${r.headers["host"]}`);

describe("honest users still get their pages", () => {
  test("public addresses next to the private ranges are fetched", { description: "IPv4 addresses just outside 10/8, 172.16/12, 192.168/16, 100.64/10, 169.254/16, 127/8 and below 224/3, as literals and as DNS answers." }, async () => {
    echoServer();
    const edges = ["9.255.255.255", "11.0.0.1", "172.15.255.255", "172.32.0.1", "192.167.255.255", "192.169.0.1", "100.63.255.255", "100.128.0.1", "169.253.255.255", "169.255.0.1", "126.255.255.255", "128.0.0.1", "198.17.255.255", "198.20.0.1", "223.255.255.254", "1.1.1.1"];
    const wrong: string[] = [];
    for (const ip of edges) {
      for (const [url, table] of [[`http://${ip}/`, {}], ["https://edge.example/p", { "edge.example": [ip] }]] as const) {
        const got = await outcome(safeFetch(url, dns(table).resolve));
        if (!got.startsWith("200 ")) wrong.push(`${url} (${ip}) → ${got}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("global IPv6 addresses and public IPv4-mapped ones are fetched, in brackets", { description: "IPv6 literals and AAAA answers outside the blocked ranges." }, async () => {
    echoServer();
    const a = await outcome(safeFetch("http://[2606:4700:4700::1111]/dns", dns({}).resolve));
    const b = await outcome(safeFetch("https://v6.example/x?y=1", dns({ "v6.example": ["2a00:1450:4001:80b::200e"] }).resolve));
    const c = await outcome(safeFetch("http://[::ffff:93.184.215.14]/", dns({}).resolve));
    expect([a, b, c]).toEqual([
      "200 http://[2606:4700:4700::1111]/dns host=[2606:4700:4700::1111]",
      "200 https://[2a00:1450:4001:80b::200e]/x?y=1 host=v6.example",
      "200 http://[::ffff:5db8:d70e]/ host=[::ffff:5db8:d70e]",
    ]);
  });

  test("the request keeps path and query, drops the fragment, and goes to the first address", { description: "A URL with path, query and fragment, on a name with several public addresses; http://name:80 and https://name:443 are default ports." }, async () => {
    echoServer();
    const table = { "multi.example": ["93.184.215.61", "93.184.215.62"] };
    await safeFetch("http://multi.example:80/a/b%20c?q=1&r=%2F#top", dns(table).resolve);
    await safeFetch("HTTPS://MULTI.example:443/", dns(table).resolve);
    expect(sent()).toEqual(["http://93.184.215.61/a/b%20c?q=1&r=%2F host=multi.example", "https://93.184.215.61/ host=multi.example"]);
  });

  test("a name is resolved once per hop, by its host name", { description: "What the resolver is asked for one URL without redirects." }, async () => {
    echoServer();
    const { resolve, asked } = dns({ "once.example": ["93.184.215.70"] });
    await safeFetch("http://user-free.once.example.evil/", resolve).catch(() => undefined);
    await safeFetch("http://ONCE.example/path", resolve);
    expect(asked).toEqual(["user-free.once.example.evil", "once.example"]);
  });

  test("a name without addresses is refused as unresolvable; a malformed URL as invalid_url", { description: "An empty DNS answer; text that is not an absolute URL." }, async () => {
    const got = [
      await outcome(safeFetch("http://nowhere.example/", dns({}).resolve)),
      await outcome(safeFetch("not a url", dns({}).resolve)),
      await outcome(safeFetch("/relative/path", dns({}).resolve)),
      await outcome(safeFetch("http://[::1/", dns({}).resolve)),
    ];
    expect({ got, sent: network.count() }).toEqual({ got: ["blocked unresolvable", "blocked invalid_url", "blocked invalid_url", "blocked invalid_url"], sent: 0 });
  });
});

describe("redirects", () => {
  test("a relative redirect is followed on the same host name, checked again", { description: "Location headers that are paths and protocol-relative URLs." }, async () => {
    network.on("GET http://93.184.215.80/old", { status: 301, headers: { location: "/new?x=1" } });
    network.on("GET http://93.184.215.80/new?x=1", { status: 303, headers: { location: "//cdn.example/asset" } });
    echoServer();
    const { resolve, asked } = dns({ "site.example": ["93.184.215.80"], "cdn.example": ["93.184.215.81"] });
    const got = await outcome(safeFetch("http://site.example/old", resolve));
    expect({ got, asked, sent: sent() }).toEqual({
      got: "200 http://93.184.215.81/asset host=cdn.example",
      asked: ["site.example", "site.example", "cdn.example"],
      sent: ["http://93.184.215.80/old host=site.example", "http://93.184.215.80/new?x=1 host=site.example", "http://93.184.215.81/asset host=cdn.example"],
    });
  });

  test("three redirects are followed; the answer after them is returned", { description: "Chains of 301, 302, 307 and 308 within the limit." }, async () => {
    network.on("GET http://93.184.215.90/1", { status: 301, headers: { location: "/2" } });
    network.on("GET http://93.184.215.90/2", { status: 302, headers: { location: "/3" } });
    network.on("GET http://93.184.215.90/3", { status: 308, headers: { location: "https://chain.example/4" } });
    network.on("GET https://93.184.215.90/4", { status: 200, body: "end" });
    const got = await outcome(safeFetch("http://chain.example/1", dns({ "chain.example": ["93.184.215.90"] }).resolve));
    expect({ got, requests: network.count() }).toEqual({ got: "200 end", requests: 4 });
  });

  test("a 3xx without Location, and other statuses, are returned as they are", { description: "304, 300, a 302 with no Location header, 404 and 500 answers." }, async () => {
    const statuses = [304, 300, 302, 404, 500];
    for (const s of statuses) network.on(`GET http://93.184.215.95/${s}`, { status: s });
    const got: string[] = [];
    for (const s of statuses) got.push((await outcome(safeFetch(`http://plain.example/${s}`, dns({ "plain.example": ["93.184.215.95"] }).resolve))).trim());
    expect({ got, requests: network.count() }).toEqual({ got: ["304", "300", "302", "404", "500"], requests: 5 });
  });
});

// Generated inputs, compared with the reference solution: which URLs are refused, with which reason,
// and which requests go out for the others.
const octet = fc.integer({ min: 0, max: 255 });
const ranges: [number, number, number][] = [
  [0, 0, 8], [10, 0, 8], [100, 64, 10], [127, 0, 8], [169, 254, 16], [172, 16, 12], [192, 0, 24], [192, 168, 16], [198, 18, 15], [224, 0, 3],
];
/** Addresses just inside and just outside every blocked range, and anywhere at all. */
const v4 = fc.oneof(
  fc.tuple(fc.constantFrom(...ranges), fc.nat(), fc.boolean(), fc.boolean()).map(([[a, b, bits], rnd, outside, low]) => {
    const base = ((a << 24) >>> 0) + (b << 16);
    const size = 2 ** (32 - bits);
    let n = outside ? (low ? base - 1 - (rnd % 3) : base + size + (rnd % 3)) : base + (rnd % size);
    n = ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
  }),
  fc.tuple(octet, octet, octet, octet).map((o) => o.join(".")),
);
const hex = (n: number) => n.toString(16);
const v6 = fc.oneof(
  v4.map((a) => `::ffff:${a}`),
  fc.tuple(fc.constantFrom("fc00", "fd12", "fe80", "febf", "fec0", "ff02", "2001:db8", "2606:4700", "2a00:1450", "64:ff9b"), fc.nat({ max: 0xffff })).map(([p, n]) => `${p}::${hex(n)}`),
  fc.constantFrom("::", "::1", "::2", "1::", "::ffff:0:0"),
);
/** The same IPv4 address spelled as one number, in hex or in octal. */
const spelled = v4.chain((a) => {
  const o = a.split(".").map(Number);
  const n = ((o[0]! << 24) >>> 0) + (o[1]! << 16) + (o[2]! << 8) + o[3]!;
  return fc.constantFrom(a, String(n), `0x${hex(n)}`, o.map((x) => `0${x.toString(8)}`).join("."), `${o[0]}.${(o[1]! << 16) + (o[2]! << 8) + o[3]!}`);
});
const scheme = fc.constantFrom("http", "https", "http", "https", "HTTP", "ftp", "file", "gopher");
const port = fc.constantFrom("", "", "", ":80", ":443", ":8080", ":0");
const userinfo = fc.constantFrom("", "", "", "", "user@", "a:b@", "site.example@");
const host = fc.oneof(
  spelled.map((h) => ({ host: h, answers: null as string[] | null })),
  v6.map((h) => ({ host: `[${h}]`, answers: null as string[] | null })),
  fc.array(fc.oneof(v4, v6), { minLength: 0, maxLength: 3 }).map((answers) => ({ host: "gen.example", answers })),
);
const generatedUrl = fc.record({ scheme, userinfo, host, port, path: fc.constantFrom("/", "/a?b=c", "/x/y#z") });

async function agree(runs: number, arb: fc.Arbitrary<{ scheme: string; userinfo: string; host: { host: string; answers: string[] | null }; port: string; path: string }>) {
  echoServer();
  const disagreements: string[] = [];
  await fc.assert(
    fc.asyncProperty(arb, async (g) => {
      const url = `${g.scheme}://${g.userinfo}${g.host.host}${g.port}${g.path}`;
      const table: Record<string, string[]> = g.host.answers === null ? {} : { "gen.example": g.host.answers };
      const before = network.requests().length;
      const expected = await outcome(reference.safeFetch(url, dns(table).resolve), reference.BlockedUrlError);
      const middle = network.requests().length;
      const got = await outcome(safeFetch(url, dns(table).resolve));
      const all = sent();
      const theirs = { got, sent: all.slice(middle) };
      const ours = { got: expected, sent: all.slice(before, middle) };
      if (JSON.stringify(theirs) !== JSON.stringify(ours)) disagreements.push(url);
      return disagreements.length === 0;
    }),
    { numRuns: runs },
  );
  expect(disagreements).toEqual([]);
}

describe("generated URLs agree with the reference", () => {
  test("IPv4 addresses in every spelling, around every blocked range", { description: "Generated IPv4 hosts inside, at the edges of and outside each range, written as dotted quads, one number, hex, octal or a.b-with-24-bits." }, async () => {
    await agree(60, fc.record({ scheme: fc.constant("http"), userinfo: fc.constant(""), host: spelled.map((h) => ({ host: h, answers: null })), port: fc.constant(""), path: fc.constant("/") }));
  });

  test("DNS answers with IPv4 and IPv6 addresses", { description: "Generated lists of 0 to 3 addresses for one name, mixing public and blocked ones." }, async () => {
    await agree(60, fc.record({ scheme: fc.constant("https"), userinfo: fc.constant(""), host: fc.array(fc.oneof(v4, v6), { maxLength: 3 }).map((answers) => ({ host: "gen.example", answers })), port: fc.constant(""), path: fc.constant("/a?b=c") }));
  });

  test("everything mixed: schemes, user info, ports, hosts and answers", { description: "Generated URLs combining every check." }, async () => {
    await agree(80, generatedUrl);
  });
});
