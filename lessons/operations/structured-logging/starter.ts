export type Level = "debug" | "info" | "warn" | "error";

/** A deep copy of `value` with secrets replaced; the input is never changed. */
export function redact(value: unknown): unknown {
  return value; // TODO
}

/** One JSON log line: time, level and msg first; fields cannot overwrite them. */
export function logLine(level: Level, msg: string, fields: Record<string, unknown> = {}): string {
  return `${level}: ${msg} ${JSON.stringify(fields)}`; // TODO
}
