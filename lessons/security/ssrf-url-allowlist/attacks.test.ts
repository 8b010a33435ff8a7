// Payloads from real SSRF reports: other spellings of internal addresses, user-info tricks, other
// schemes, redirects and DNS answers that point inside, and a name that changes its answer.
import { network } from "serverside:test";
import { BlockedUrlError, safeFetch } from "./solution";

function dns(table: Record<string, string[] | string[][]>) {
  const asked: string[] = [];
  const resolve = async (name: string) => {
    asked.push(name);
    if (!Object.hasOwn(table, name)) return [];
    const entry = table[name]!;
    // A list of lists answers in turn (the last repeating): a name whose answer changes.
    if (Array.isArray(entry[0])) {
      const turns = entry as string[][];
      const n = asked.filter((a) => a === name).length;
      return [...turns[Math.min(n, turns.length) - 1]!];
    }
    return [...(entry as string[])];
  };
  return { resolve, asked };
}

async function outcome(p: Promise<Response>): Promise<string> {
  try {
    const res = await p;
    return `${res.status} ${await res.text()}`;
  } catch (error) {
    if (error instanceof BlockedUrlError) return `blocked ${error.reason}`;
    return `error ${(error as Error).name}`;
  }
}

/** Every internal address answers like the service behind it would: with its secrets. */
function internalServicesAnswer(): void {
  network.on(/^https?:\/\//, { status: 200, body: "SECRET internal data" });
}

/** Asks for each URL; returns the ones that were not refused with `reason`, and whether anything was sent. */
async function refusals(urls: string[], reason: string, table: Record<string, string[]> = {}) {
  internalServicesAnswer();
  const wrong: string[] = [];
  for (const url of urls) {
    const got = await outcome(safeFetch(url, dns(table).resolve));
    if (got !== `blocked ${reason}`) wrong.push(`${url} → ${got}`);
  }
  return { wrong, requestsSent: network.count() };
}

describe("internal addresses in every spelling", () => {
  test("loopback written as decimal, hex, octal, short and dotted forms is refused", { description: "127.0.0.1 spelled the ways URL parsers accept, plus other addresses in 127.0.0.0/8 and 0.0.0.0." }, async () => {
    const urls = ["http://2130706433/", "http://0x7f000001/", "http://0x7f.0.0.1/", "http://0177.0.0.1/", "http://017700000001/", "http://127.1/", "http://127.0.0.1./", "http://127.10.20.30/", "http://0.0.0.0/", "http://0/", "http://localtest.me/"];
    expect(await refusals(urls, "private_address", { "localtest.me": ["127.0.0.1"] })).toEqual({ wrong: [], requestsSent: 0 });
  });

  test("IPv6 loopback, unspecified, unique-local, link-local and multicast are refused", { description: "Literal IPv6 hosts in brackets, in full and compressed forms." }, async () => {
    const urls = ["http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[::]/", "http://[fd12:3456:789a::1]/", "http://[fc00::5]/", "http://[fe80::1]/", "http://[febf:ffff::1]/", "http://[ff02::1]/", "http://[::127.0.0.1]/"];
    expect(await refusals(urls, "private_address")).toEqual({ wrong: [], requestsSent: 0 });
  });

  test("IPv4-mapped IPv6 addresses are judged by the IPv4 address inside them", { description: "::ffff:a.b.c.d forms of loopback, private and metadata addresses, as literals and as DNS answers." }, async () => {
    const urls = ["http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::ffff:10.1.2.3]/", "http://[::ffff:a9fe:a9fe]/", "http://[0:0:0:0:0:ffff:192.168.0.1]/", "http://mapped.example/"];
    expect(await refusals(urls, "private_address", { "mapped.example": ["::ffff:169.254.169.254"] })).toEqual({ wrong: [], requestsSent: 0 });
  });

  test("private, shared and link-local IPv4 ranges are refused", { description: "Addresses inside 10/8, 172.16/12, 192.168/16, 100.64/10, 169.254/16, 198.18/15, 192.0.0/24 and 224/3." }, async () => {
    const urls = ["http://10.255.255.255/", "http://172.16.0.1/", "http://172.31.255.254/", "http://192.168.1.1/", "http://100.64.0.1/", "http://100.127.255.255/", "http://169.254.0.1/", "http://198.19.1.1/", "http://192.0.0.170/", "http://224.0.0.1/", "http://255.255.255.255/", "http://240.0.0.1/"];
    expect(await refusals(urls, "private_address")).toEqual({ wrong: [], requestsSent: 0 });
  });
});

describe("tricks in the URL", () => {
  test("user info is refused, whichever side of the @ looks trusted", { description: "URLs with a user name or password, including ones whose user name is a trusted host name." }, async () => {
    const urls = ["http://news.example@127.0.0.1/", "http://news.example:80@169.254.169.254/", "https://user:pass@news.example/", "http://:secret@news.example/"];
    expect(await refusals(urls, "credentials", { "news.example": ["93.184.215.14"] })).toEqual({ wrong: [], requestsSent: 0 });
  });

  test("a fragment or backslash does not hide the real host", { description: "Hosts that a hand-written parser reads differently from the URL standard." }, async () => {
    const urls = ["http://127.0.0.1#@news.example/", "http://127.0.0.1\\@news.example/", "http://127.0.0.1?@news.example/"];
    expect(await refusals(urls, "private_address", { "news.example": ["93.184.215.14"] })).toEqual({ wrong: [], requestsSent: 0 });
  });

  test("schemes other than http and https are refused", { description: "file, gopher, ftp, data, javascript, ws and dict URLs." }, async () => {
    const urls = ["file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL", "ftp://news.example/", "data:text/plain,hi", "javascript:alert(1)", "ws://news.example/", "dict://127.0.0.1:11211/stat"];
    expect(await refusals(urls, "scheme", { "news.example": ["93.184.215.14"] })).toEqual({ wrong: [], requestsSent: 0 });
  });

  test("ports other than the scheme's default are refused", { description: "Public hosts on ports such as 22, 6379 and 8080, and https on port 80." }, async () => {
    const urls = ["http://news.example:8080/", "http://93.184.215.14:22/", "http://news.example:6379/", "https://news.example:80/", "http://news.example:443/"];
    expect(await refusals(urls, "port", { "news.example": ["93.184.215.14"] })).toEqual({ wrong: [], requestsSent: 0 });
  });
});

describe("DNS and redirects", () => {
  test("a name with any private address among its answers is refused", { description: "Answers that mix public and private addresses, in either order." }, async () => {
    const table = { "a.example": ["93.184.215.14", "10.0.0.1"], "b.example": ["127.0.0.1", "93.184.215.14"], "c.example": ["2606:4700::1111", "fe80::1"] };
    expect(await refusals(["http://a.example/", "http://b.example/", "http://c.example/"], "private_address", table)).toEqual({ wrong: [], requestsSent: 0 });
  });

  test("DNS rebinding: the name is resolved once and the checked address is the one connected to", { description: "A name answers with a public address the first time and a loopback address afterwards." }, async () => {
    network.on("GET http://93.184.215.30/feed", { status: 200, body: "public feed" });
    internalServicesAnswer();
    const { resolve, asked } = dns({ "rebind.example": [["93.184.215.30"], ["127.0.0.1"]] });
    const got = await outcome(safeFetch("http://rebind.example/feed", resolve));
    expect({ got, asked, sent: network.requests().map((r) => r.url) }).toEqual({ got: "200 public feed", asked: ["rebind.example"], sent: ["http://93.184.215.30/feed"] });
  });

  test("every redirect target is checked like the first URL", { description: "Redirects to loopback, to a name that resolves to a private address, to the metadata service over IPv4-mapped IPv6, to user info, to another scheme, and to a public host on another port." }, async () => {
    const targets: [string, string][] = [
      ["http://127.0.0.1:80/admin", "private_address"],
      ["https://db.internal.example/", "private_address"],
      ["http://[::ffff:169.254.169.254]/latest/meta-data/", "private_address"],
      ["http://news.example@10.0.0.1/", "credentials"],
      ["file:///etc/passwd", "scheme"],
      ["//2130706433/", "private_address"],
      ["http://news.example:6379/", "port"],
    ];
    const wrong: string[] = [];
    let extra = 0;
    for (const [i, [location, reason]] of targets.entries()) {
      network.reset();
      network.on(`GET http://93.184.215.40/r${i}`, { status: 307, headers: { location } });
      internalServicesAnswer();
      const table = { "short.example": ["93.184.215.40"], "db.internal.example": ["192.168.10.5"], "news.example": ["93.184.215.14"] };
      const got = await outcome(safeFetch(`http://short.example/r${i}`, dns(table).resolve));
      if (got !== `blocked ${reason}`) wrong.push(`${location} → ${got}`);
      extra += network.count() - 1;
    }
    expect({ wrong, requestsAfterTheRedirect: extra }).toEqual({ wrong: [], requestsAfterTheRedirect: 0 });
  });

  test("a redirect loop stops after three redirects", { description: "A site that always redirects to itself." }, async () => {
    network.on("GET http://93.184.215.50/loop", { status: 302, headers: { location: "/loop" } });
    const got = await outcome(safeFetch("http://loop.example/loop", dns({ "loop.example": ["93.184.215.50"] }).resolve));
    expect({ got, requests: network.count() }).toEqual({ got: "blocked too_many_redirects", requests: 4 });
  });
});
