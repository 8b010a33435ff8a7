/** Which database a DATABASE_URL names. Shared by the client (lib/db.ts), migrations and env checks. */
export type DatabaseProvider = "sqlite" | "postgresql";

/** "sqlite" for file: URLs, "postgresql" for postgres:// and postgresql:// URLs; throws otherwise. */
export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must be a SQLite file: URL or a postgresql:// URL (got ${url.split(":")[0]}:...)`,
  );
}
