/** How far a timestamp may be from the receiver's clock, either way. */
export const TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256, keyed with `secret`, of `<timestamp>.` followed by the exact body bytes. */
export function sign(secret: string, timestamp: string, body: Uint8Array): string {
  // TODO (stage 1): crypto.createHmac
  void secret;
  void timestamp;
  void body;
  return "";
}

/** True when one of the header's `v1=` signatures is `sign(secret, timestamp, body)`. */
export function verifySignature(secret: string, timestamp: string, signatureHeader: string, body: Uint8Array): boolean {
  // TODO (stage 1): compare with crypto.timingSafeEqual
  void secret;
  void timestamp;
  void signatureHeader;
  void body;
  return false;
}
