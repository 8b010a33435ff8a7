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

/**
 * Fetches a URL that a user typed, for the link preview. It works for honest users, and it
 * fetches anything else too: http://127.0.0.1/admin, http://169.254.169.254/latest/meta-data/,
 * a redirect to either... Make it refuse everything that is not the public internet.
 */
export async function safeFetch(input: string, resolve: Resolve): Promise<Response> {
  let url = new URL(input);
  for (let hop = 0; hop < 10; hop++) {
    const isIp = url.hostname.startsWith("[") || /^[\d.]+$/.test(url.hostname);
    const found = isIp ? url.hostname : (await resolve(url.hostname))[0]!;
    const address = found.includes(":") && !found.startsWith("[") ? `[${found}]` : found;
    const res = await fetch(`${url.protocol}//${address}${url.pathname}${url.search}`, {
      redirect: "manual",
      headers: { host: url.hostname },
    });
    const location = res.headers.get("location");
    if (![301, 302, 303, 307, 308].includes(res.status) || location === null) return res;
    url = new URL(location, url);
  }
  throw new Error("too many redirects");
}
