/**
 * Configuration from the environment, parsed once with zod. Every variable has a default so the app
 * starts with no configuration at all; README.md lists them. Server-only: never import from a client
 * component.
 */
import path from "node:path";
import { z } from "zod";
import { trustProxySchema } from "./auth/client-address.ts";

/**
 * The repository root. Every entry point (npm scripts, `next start`, tests) runs with the root as
 * its working directory; bundled server code has no reliable import.meta.dirname.
 */
export const ROOT = process.cwd();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("file:./data/serverside.db")
    .refine(
      (url) => url.startsWith("file:") || /^postgres(ql)?:\/\/./.test(url),
      "DATABASE_URL must be a SQLite file: URL or a postgresql:// URL",
    ),
  /** PostgreSQL only: connections per app server process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** The port `npm start` (and `npm run dev`) listens on. */
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Where lessons are read from (content kept elsewhere, tests); default `<root>/lessons`. */
  LESSONS_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  /** Failed sign-ins allowed per email (and per client address) in SIGNIN_WINDOW_MINUTES. */
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Accounts that may be created from one client address per hour. */
  SIGNUP_MAX_PER_HOUR: z.coerce.number().int().min(1).default(20),
  /** Grading requests per minute allowed for one API key. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  /** Largest accepted API request body, in bytes. */
  API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  /** SMTP server for password-reset emails, e.g. smtp://user:pass@mail.example:587 (smtps:// for TLS). Unset: no email (needs SITE_URL too). */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  /** The sender of those emails. */
  MAIL_FROM: z.string().min(3).default("Serverside <no-reply@localhost>"),
  /** The site's public address, for links in emails and printed by the CLI (no trailing slash). */
  SITE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** Reverse proxies in front of the app: off (default), a hop count, or their addresses (lib/auth/client-address.ts). */
  TRUST_PROXY: trustProxySchema,
  /** Grader worker processes; default: one per CPU. */
  SANDBOX_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** sandbox/worker.ts, for a deployment where it is not found next to sandbox/pool.ts or under the root. */
  SANDBOX_WORKER_PATH: z.string().min(1).optional(),
  /** Grading jobs that may wait for a worker, all users together; beyond it grading answers 503. */
  GRADER_MAX_QUEUE: z.coerce.number().int().min(1).default(200),
  /** Grading jobs one account (web or API key owner) may have running or waiting at once; beyond it 429. */
  GRADER_MAX_PENDING_PER_USER: z.coerce.number().int().min(1).default(40),
  /** Grading jobs one visitor (client address, not signed in) may have running or waiting at once. */
  GRADER_MAX_PENDING_PER_VISITOR: z.coerce.number().int().min(1).default(2),
  /** Worker time (seconds) a visitor's runs may use per minute (a burst of up to this much, refilled over a minute). */
  GRADER_VISITOR_WORKER_SECONDS_PER_MINUTE: z.coerce.number().min(1).default(30),
  /** On SIGTERM: how long (seconds) grades in flight may take to finish before the server exits anyway. */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(1).default(30),
  /** Bearer token for Prometheus metrics at /metrics (scripts/server.ts); unset: no /metrics. */
  METRICS_TOKEN: z.string().trim().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  /** Log lines: "json" (default under npm start) or "pretty" (readable); lib/ops/log.ts. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** Least severe level logged: trace, debug, info (default), warn, error, fatal. */
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

function parseEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv();

/** DATABASE_URL with a relative SQLite path made absolute (relative to the repository root); PostgreSQL URLs as given. */
export function getDatabaseUrl(): string {
  if (!env.DATABASE_URL.startsWith("file:")) return env.DATABASE_URL;
  const file = env.DATABASE_URL.slice("file:".length);
  return `file:${path.resolve(/*turbopackIgnore: true*/ ROOT, file)}`;
}

/** The folder that holds the database and generated secrets (git-ignored). */
export const DATA_DIR = path.join(/*turbopackIgnore: true*/ ROOT, "data");

/** The lessons folder: LESSONS_DIR (relative to the root) or `<root>/lessons`. */
export const LESSONS_ROOT = path.resolve(/*turbopackIgnore: true*/ ROOT, env.LESSONS_DIR || "lessons");
