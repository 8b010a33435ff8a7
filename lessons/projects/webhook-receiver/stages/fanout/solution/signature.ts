/** How far a timestamp may be from the receiver's clock, either way. */
export const TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256, keyed with `secret`, of `<timestamp>.` followed by the exact body bytes. */
export function sign(secret: string, timestamp: string, body: Uint8Array): string {
  return crypto.createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * True when one of the header's `v1=` signatures is `sign(secret, timestamp, body)`. Several are
 * allowed: while a secret is being rotated, senders sign with the old and the new one.
 */
export function verifySignature(secret: string, timestamp: string, signatureHeader: string, body: Uint8Array): boolean {
  const expected = Uint8Array.fromHex(sign(secret, timestamp, body));
  let ok = false;
  for (const part of signatureHeader.split(",")) {
    const [scheme, value] = part.trim().split("=", 2);
    if (scheme !== "v1" || value === undefined || !HEX64.test(value)) continue;
    // Equal lengths by the check above; compares every byte whatever the first mismatch.
    if (crypto.timingSafeEqual(Uint8Array.fromHex(value), expected)) ok = true;
  }
  return ok;
}

/** A signature header has at least one v1 entry; the timestamp is whole seconds. */
export function parseHeaders(timestamp: string | null, signatureHeader: string | null): { timestamp: number } | null {
  if (timestamp === null || signatureHeader === null || !/^\d{1,12}$/.test(timestamp)) return null;
  if (!signatureHeader.split(",").some((part) => part.trim().startsWith("v1="))) return null;
  return { timestamp: Number(timestamp) };
}
