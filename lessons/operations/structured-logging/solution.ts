export type Level = "debug" | "info" | "warn" | "error";

const REDACTED = "[REDACTED]";
// Compared after lower-casing and removing "-" and "_", so "X-Api-Key" and "client_secret" match.
const SENSITIVE = ["password", "passwd", "secret", "token", "authorization", "cookie", "apikey"];
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi;

function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, "");
  return SENSITIVE.some((word) => k.includes(word));
}

function walk(value: unknown, seen: Set<object>): unknown {
  if (typeof value === "string") return value.replace(BEARER, `Bearer ${REDACTED}`);
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return { name: value.name, message: walk(value.message, seen) };
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((item) => walk(item, seen));
  } else {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      copy[key] = isSensitiveKey(key) ? REDACTED : walk(inner, seen);
    }
    out = copy;
  }
  seen.delete(value);
  return out;
}

/** A deep copy of `value` with secrets replaced; the input is never changed. */
export function redact(value: unknown): unknown {
  return walk(value, new Set());
}

/** One JSON log line: time, level and msg first; fields cannot overwrite them. */
export function logLine(level: Level, msg: string, fields: Record<string, unknown> = {}): string {
  const safe = redact(fields) as Record<string, unknown>;
  const { time: _t, level: _l, msg: _m, ...rest } = safe;
  return JSON.stringify({ time: new Date().toISOString(), level, msg: redact(msg), ...rest });
}
