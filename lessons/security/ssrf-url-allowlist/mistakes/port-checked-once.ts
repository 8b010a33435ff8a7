/** Looks up a host name's addresses (IPv4 or IPv6, as text), like `dns.lookup(name, { all: true })`. */
export type Resolve = (hostname: string) => Promise<string[]>;

export type BlockReason = "invalid_url" | "scheme" | "credentials" | "port" | "unresolvable" | "private_address" | "too_many_redirects";

/** Thrown when a URL, or a redirect it leads to, may not be fetched. */
export class BlockedUrlError extends Error {
  constructor(readonly reason: BlockReason) {
    super(`blocked: ${reason}`);
    this.name = "BlockedUrlError";
  }
}

const MAX_REDIRECTS = 3;
const REDIRECTS = [301, 302, 303, 307, 308];

/** IPv4 ranges that are not the public internet: [first octets as a number, prefix length]. */
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback: all of it, not only 127.0.0.1
  ["169.254.0.0", 16], // link-local: cloud metadata lives at 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 3], // multicast and reserved, up to 255.255.255.255
];

function v4ToNumber(dotted: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(dotted);
  if (m === null) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

function isPublicV4(n: number): boolean {
  return BLOCKED_V4.every(([base, bits]) => {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return ((n & mask) >>> 0) !== v4ToNumber(base);
  });
}

/** The eight 16-bit groups of a canonical IPv6 address as the URL parser prints it (no dotted part). */
function v6Groups(canonical: string): number[] | null {
  const halves = canonical.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] === "" ? [] : halves[0]!.split(":");
  const tail = halves.length === 2 && halves[1] !== "" ? halves[1]!.split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function isPublicV6(g: number[]): boolean {
  const firstFiveZero = g.slice(0, 5).every((x) => x === 0);
  // ::ffff:a.b.c.d is an IPv4 address in IPv6 clothing: judge the IPv4 address inside.
  if (firstFiveZero && g[5] === 0xffff) return isPublicV4(((g[6]! << 16) >>> 0) + g[7]!);
  if (firstFiveZero && g[5] === 0) return false; // ::, ::1 and the old IPv4-compatible ::a.b.c.d
  if ((g[0]! & 0xfe00) === 0xfc00) return false; // fc00::/7 unique local
  if ((g[0]! & 0xffc0) === 0xfe80) return false; // fe80::/10 link-local
  if ((g[0]! & 0xff00) === 0xff00) return false; // ff00::/8 multicast
  return true;
}

/**
 * Whether `address` (an IP address as text: a URL host, or what the resolver returned) is a
 * public unicast address. The WHATWG URL parser normalizes every spelling first: 2130706433,
 * 0x7f.1 and 0177.0.0.1 all become 127.0.0.1, and [::ffff:127.0.0.1] becomes [::ffff:7f00:1].
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  let host: string;
  try {
    host = new URL(bare.includes(":") ? `http://[${bare}]/` : `http://${bare}/`).hostname;
  } catch {
    return false;
  }
  if (host.startsWith("[")) {
    const groups = v6Groups(host.slice(1, -1));
    return groups !== null && isPublicV6(groups);
  }
  const n = v4ToNumber(host);
  return n !== null && isPublicV4(n);
}

const isIpLiteral = (hostname: string) => hostname.startsWith("[") || v4ToNumber(hostname) !== null;

/** Checks one URL and returns the address to connect to: resolved ONCE, so it cannot change later. */
async function vet(url: URL, resolve: Resolve): Promise<string> {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BlockedUrlError("scheme");
  // http://trusted.example@127.0.0.1/ goes to 127.0.0.1: refuse user info outright.
  if (url.username !== "" || url.password !== "") throw new BlockedUrlError("credentials");
  if (isIpLiteral(url.hostname)) {
    if (!isPublicAddress(url.hostname)) throw new BlockedUrlError("private_address");
    return url.hostname;
  }
  const addresses = await resolve(url.hostname);
  if (addresses.length === 0) throw new BlockedUrlError("unresolvable");
  // One private answer among public ones is an attack, not bad luck: refuse the lot.
  if (!addresses.every(isPublicAddress)) throw new BlockedUrlError("private_address");
  const first = addresses[0]!;
  return first.includes(":") ? `[${new URL(`http://[${first.replace(/^\[|\]$/g, "")}]/`).hostname.slice(1, -1)}]` : first;
}

/**
 * Fetches a user-supplied URL for a server-side feature (link previews, webhooks, imports) without
 * letting it reach loopback, private networks, link-local metadata services or other schemes.
 * Each hop, redirects included, is checked and connected to the address that was checked.
 */
export async function safeFetch(input: string, resolve: Resolve): Promise<Response> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new BlockedUrlError("invalid_url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new BlockedUrlError("scheme");
  if (url.username !== "" || url.password !== "") throw new BlockedUrlError("credentials");
  if (url.port !== "") throw new BlockedUrlError("port");
  for (let hop = 0; ; hop++) {
    const address = await vet(url, resolve);
    // Connect to the checked address; the Host header keeps name-based servers working.
    const target = `${url.protocol}//${address}${url.pathname}${url.search}`;
    const res = await fetch(target, { redirect: "manual", headers: { host: url.hostname } });
    const location = res.headers.get("location");
    if (!REDIRECTS.includes(res.status) || location === null) return res;
    if (hop === MAX_REDIRECTS) throw new BlockedUrlError("too_many_redirects");
    try {
      url = new URL(location, url); // relative to the URL the user asked for, not the address
    } catch {
      throw new BlockedUrlError("invalid_url");
    }
  }
}
