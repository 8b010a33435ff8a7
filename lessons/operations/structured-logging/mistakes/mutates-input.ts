// Mistake: redacts in place, so the caller's object (maybe the request body it still needs) loses its password.
export type Level = "debug" | "info" | "warn" | "error";
const KEYS = /pass(word|wd)?|secret|token|authorization|cookie|api[-_]?key/i;
function scrub(v: unknown, seen: WeakSet<object>): unknown {
  if (typeof v === "string") return v.replace(/\bBearer\s+[A-Za-z0-9._~+/-]+=*/gi, "Bearer [REDACTED]");
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Error) return { name: v.name, message: scrub(v.message, seen) };
  if (typeof v !== "object" || v === null) return v;
  if (seen.has(v)) return "[Circular]";
  seen.add(v);
  const obj = v as Record<string, unknown>;
  for (const k of Object.keys(obj)) obj[k] = KEYS.test(k) ? "[REDACTED]" : scrub(obj[k], seen);
  seen.delete(v);
  return obj;
}
export function redact(value: unknown): unknown {
  return scrub(value, new WeakSet());
}
export function logLine(level: Level, msg: string, fields: Record<string, unknown> = {}): string {
  const { time, level: l, msg: m, ...rest } = redact(fields) as Record<string, unknown>;
  void time; void l; void m;
  return JSON.stringify({ time: new Date().toISOString(), level, msg, ...rest });
}
