export type Resolve = (hostname: string) => Promise<string[]>;
export type BlockReason = "invalid_url" | "scheme" | "credentials" | "port" | "unresolvable" | "private_address" | "too_many_redirects";
export class BlockedUrlError extends Error {
  constructor(readonly reason: BlockReason) { super(`blocked: ${reason}`); this.name = "BlockedUrlError"; }
}
const BAD = ["localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1", "169.254.169.254"];
const BAD_PREFIX = ["10.", "192.168.", "172.16.", "172.17.", "172.18.", "172.19.", "172.2", "172.30.", "172.31.", "127.", "169.254.", "fc", "fd", "fe80", "[fc", "[fd", "[fe80"];
const bad = (h: string) => BAD.includes(h) || BAD_PREFIX.some((p) => h.startsWith(p));
export async function safeFetch(input: string, resolve: Resolve): Promise<Response> {
  let url: URL;
  try { url = new URL(input); } catch { throw new BlockedUrlError("invalid_url"); }
  for (let hop = 0; ; hop++) {
    if (!/^https?:$/.test(url.protocol)) throw new BlockedUrlError("scheme");
    if (url.username || url.password) throw new BlockedUrlError("credentials");
    if (url.port) throw new BlockedUrlError("port");
    let address = url.hostname;
    if (bad(address)) throw new BlockedUrlError("private_address");
    if (!address.startsWith("[") && !/^[\d.]+$/.test(address)) {
      const all = await resolve(url.hostname);
      if (all.length === 0) throw new BlockedUrlError("unresolvable");
      if (all.some(bad)) throw new BlockedUrlError("private_address");
      address = all[0]!.includes(":") ? `[${all[0]}]` : all[0]!;
    }
    const res = await fetch(`${url.protocol}//${address}${url.pathname}${url.search}`, { redirect: "manual", headers: { host: url.hostname } });
    const loc = res.headers.get("location");
    if (![301, 302, 303, 307, 308].includes(res.status) || !loc) return res;
    if (hop === 3) throw new BlockedUrlError("too_many_redirects");
    url = new URL(loc, url);
  }
}
