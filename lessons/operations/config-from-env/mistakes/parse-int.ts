// Mistake: parseInt reads "80abc" as 80 and "8e3" as 8, so a typo in PORT starts the server on the wrong port.
export interface Config {
  port: number;
  databaseUrl: string;
  logLevel: "debug" | "info" | "warn" | "error";
  signupEnabled: boolean;
  sessionSecret: string;
  requestTimeoutMs: number;
}

export type ConfigResult = { ok: true; config: Readonly<Config> } | { ok: false; errors: string[] };

type Env = Record<string, string | undefined>;

const LEVELS = ["debug", "info", "warn", "error"] as const;

/** Parses and checks every setting at once; error messages name the variable, never its value. */
export function loadConfig(env: Env): ConfigResult {
  const errors: string[] = [];
  // An empty value counts as unset: `PORT=` in a .env file usually means "not configured".
  const read = (name: string): string | undefined => (env[name] === "" ? undefined : env[name]);

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const n = parseInt(raw, 10);
    if (Number.isNaN(n) || n < min || n > max) {
      errors.push(`${name} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(raw);
  };

  const port = int("PORT", 3000, 1, 65535);
  const requestTimeoutMs = int("REQUEST_TIMEOUT_MS", 5000, 100, 60000);

  const databaseUrl = read("DATABASE_URL") ?? "";
  const parsed = URL.parse(databaseUrl);
  if (databaseUrl === "") errors.push("DATABASE_URL is required");
  else if (!parsed || (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:")) {
    errors.push("DATABASE_URL must be a postgres:// or postgresql:// URL");
  }

  const rawLevel = read("LOG_LEVEL") ?? "info";
  const logLevel = (LEVELS as readonly string[]).includes(rawLevel) ? (rawLevel as Config["logLevel"]) : "info";
  if (logLevel !== rawLevel) errors.push(`LOG_LEVEL must be one of ${LEVELS.join(", ")}`);

  const rawSignup = read("FEATURE_SIGNUP") ?? "false";
  let signupEnabled = false;
  if (rawSignup === "true" || rawSignup === "1") signupEnabled = true;
  else if (rawSignup !== "false" && rawSignup !== "0") errors.push("FEATURE_SIGNUP must be true, false, 1 or 0");

  const sessionSecret = read("SESSION_SECRET") ?? "";
  if (sessionSecret.length < 32) errors.push("SESSION_SECRET is required and must be at least 32 characters");

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: Object.freeze({ port, databaseUrl, logLevel, signupEnabled, sessionSecret, requestTimeoutMs }),
  };
}
