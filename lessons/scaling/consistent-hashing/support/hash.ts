/** A 32-bit unsigned hash of `text`: the first 4 bytes of its SHA-256, big-endian (0 to 2^32 - 1). */
export function hash32(text: string): number {
  const hex = crypto.createHash("sha256").update(text).digest("hex");
  return Number.parseInt(hex.slice(0, 8), 16);
}
