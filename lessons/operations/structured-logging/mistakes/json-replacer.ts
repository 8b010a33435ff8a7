// Mistake: JSON.stringify with a replacer: Errors turn into {} and a circular object throws instead of logging.
export type Level = "debug" | "info" | "warn" | "error";
const KEYS = /pass(word|wd)?|secret|token|authorization|cookie|api[-_]?key/i;
export function redact(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (key && KEYS.test(key)) return "[REDACTED]";
      if (typeof v === "string") return v.replace(/Bearer\s+\S+/gi, "Bearer [REDACTED]");
      return v;
    }) ?? "null",
  );
}
export function logLine(level: Level, msg: string, fields: Record<string, unknown> = {}): string {
  const { time, level: l, msg: m, ...rest } = redact(fields) as Record<string, unknown>;
  void time; void l; void m;
  return JSON.stringify({ time: new Date().toISOString(), level, msg, ...rest });
}
