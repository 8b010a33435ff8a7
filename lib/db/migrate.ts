/**
 * Database migrations without the native schema engine.
 *
 * Prisma's CLI downloads a native schema engine before `migrate`, which these machines (and many
 * offline installs) cannot do. Prisma publishes the same engine compiled to WebAssembly
 * (@prisma/schema-engine-wasm) that drives the database through a driver adapter. We call it here,
 * keeping Prisma's standard layout (prisma/migrations/<timestamp>_<name>/migration.sql,
 * migration_lock.toml, the _prisma_migrations table), so `prisma migrate deploy` stays
 * interchangeable wherever the native engine is available. See ARCHITECTURE.md.
 */
import fs from "node:fs";
import path from "node:path";
import { SchemaEngine } from "@prisma/schema-engine-wasm";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
import { ROOT } from "../env.ts";
import { databaseProvider, type DatabaseProvider } from "./provider.ts";
import { startThrowawayPostgres } from "./throwaway-postgres.ts";

const SQLITE_SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
const POSTGRES_SCHEMA_PATH = path.join(ROOT, "prisma/postgresql/schema.prisma");
const LOCKFILE = "migration_lock.toml";
const NO_FILTERS = { externalTables: [], externalEnums: [] };
/** pg_advisory_lock key held while one server migrates PostgreSQL, so two `npm start`s never race. */
const MIGRATE_LOCK_KEY = 7_261_737;

type Log = (message: string) => void;

/** Where one provider's schema and migrations live. */
interface Target {
  provider: DatabaseProvider;
  schemaPath: string;
  migrationsDir: string;
  /** The schema text the engine compares against (the PostgreSQL one is derived, see below). */
  schema(): string;
}

const TARGETS: Record<DatabaseProvider, Target> = {
  sqlite: {
    provider: "sqlite",
    schemaPath: SQLITE_SCHEMA_PATH,
    migrationsDir: path.join(ROOT, "prisma/migrations"),
    schema: () => fs.readFileSync(SQLITE_SCHEMA_PATH, "utf8"),
  },
  postgresql: {
    provider: "postgresql",
    schemaPath: POSTGRES_SCHEMA_PATH,
    migrationsDir: path.join(ROOT, "prisma/postgresql/migrations"),
    schema: () => derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA_PATH, "utf8")),
  },
};

const POSTGRES_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db -- new <name>` (or `npm run db -- schema`): do not\n" +
  "// edit. The same models on PostgreSQL; its migrations are in ./migrations, its client in lib/generated/prisma-pg.\n\n";

/**
 * The PostgreSQL schema: prisma/schema.prisma with the other provider and client folder. Prisma
 * wants `provider` to be a literal, so the two databases need two schema files; the models are one.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  const swapped = sqliteSchema
    .replace(/(datasource db \{\s*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    .replace(/(output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-pg"');
  if (!swapped.includes('"postgresql"') || !swapped.includes("prisma-pg")) {
    throw new Error(
      "prisma/schema.prisma: cannot find the sqlite datasource or the client output to derive the PostgreSQL schema",
    );
  }
  return POSTGRES_HEADER + swapped;
}

/** Rewrites prisma/postgresql/schema.prisma from prisma/schema.prisma. Returns true when it changed. */
export function writePostgresSchema(): boolean {
  const next = TARGETS.postgresql.schema();
  const current = fs.existsSync(POSTGRES_SCHEMA_PATH) ? fs.readFileSync(POSTGRES_SCHEMA_PATH, "utf8") : "";
  if (current === next) return false;
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA_PATH), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA_PATH, next);
  return true;
}

/**
 * The published WASM engine (8.x) replays migrations into the shadow database with executeRaw on
 * whole multi-statement scripts, which the 7.x better-sqlite3 adapter refuses ("more than one
 * statement"). Route argument-less raw statements on the shadow database through executeScript.
 */
class ShadowSafeSqliteFactory extends PrismaBetterSqlite3 {
  // The engine never closes its connections; we do, or the file stays locked for this process.
  readonly opened: { dispose(): Promise<void> }[] = [];

  override async connect() {
    const adapter = await super.connect();
    this.opened.push(adapter);
    return adapter;
  }

  override async connectToShadowDb() {
    const adapter = await super.connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    };
    this.opened.push(adapter);
    return adapter;
  }
}

type PgResult = { fields: { dataTypeID: number }[] };
type PerformIO = (query: unknown) => Promise<PgResult>;
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * The engine reads PostgreSQL's catalogs, whose one-byte "char" columns (pg_class.relkind and the
 * like) the 7.x pg adapter cannot type ("Column type 'char' could not be deserialized"): report them
 * as text, which is what they hold. Only the migration engine's connections are patched.
 */
function readCharAsText<T extends object>(adapter: T): T {
  const queryable = adapter as unknown as { performIO: PerformIO };
  const performIO = queryable.performIO.bind(adapter);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  return adapter;
}

/** The same for PostgreSQL: multi-statement scripts on the shadow database, and every pool closed. */
class TrackedPgFactory extends PrismaPg {
  readonly opened: { dispose(): Promise<void> }[] = [];

  override async connect() {
    const adapter = readCharAsText(await super.connect());
    this.opened.push(adapter);
    return adapter;
  }

  override async connectToShadowDb() {
    const adapter = readCharAsText(await super.connectToShadowDb());
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    };
    this.opened.push(adapter);
    return adapter;
  }
}

async function withEngine<T>(
  target: Target,
  databaseUrl: string,
  log: Log,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const schema = target.schema();
  const connections =
    target.provider === "sqlite"
      ? new ShadowSafeSqliteFactory({ url: databaseUrl })
      : // allowExitOnIdle: the shadow database's helper pool is never closed by the adapter.
        new TrackedPgFactory({ connectionString: databaseUrl, allowExitOnIdle: true });
  const factory = bindMigrationAwareSqlAdapterFactory(connections as SqlMigrationAwareDriverAdapterFactory);
  const engine = await SchemaEngine.new(
    { datamodels: [[target.schemaPath, schema]] },
    (line: string) => {
      // The engine logs JSON lines; only warnings and errors are worth a person's attention.
      try {
        const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } };
        if (entry.level === "WARN" || entry.level === "ERROR")
          log(`schema engine: ${entry.fields?.message ?? line}`);
      } catch {
        log(`schema engine: ${line}`);
      }
    },
    factory,
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    // Newest first: PostgreSQL's shadow database is dropped through a connection opened before it.
    // The engine may have released some itself already (a second release fails harmlessly).
    for (const adapter of connections.opened.reverse()) await adapter.dispose().catch(() => {});
  }
}

function readMigrationList(target: Target): MigrationList {
  const dir = target.migrationsDir;
  const dirs = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(dir, LOCKFILE);
  return {
    baseDir: dir,
    lockfile: {
      path: LOCKFILE,
      content: fs.existsSync(lockPath)
        ? fs.readFileSync(lockPath, "utf8")
        : `provider = "${target.provider}"\n`,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/** Creates the SQLite file's folder when the URL points at a file. */
export function ensureDatabaseDirectory(databaseUrl: string): void {
  if (!databaseUrl.startsWith("file:")) return;
  const file = databaseUrl.slice("file:".length);
  fs.mkdirSync(path.dirname(path.resolve(ROOT, file)), { recursive: true });
}

function pendingOf(target: Target, applied: Set<string>): string[] {
  return readMigrationList(target)
    .migrationDirectories.map((dir) => dir.path)
    .filter((folder) => !applied.has(folder));
}

/** Migration folders not yet recorded as applied in the SQLite file's _prisma_migrations table. */
function listPendingSqlite(file: Database.Database): string[] {
  const hasTable = file
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
    .get();
  if (!hasTable) return pendingOf(TARGETS.sqlite, new Set());
  const applied = file
    .prepare(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    )
    .all()
    .map((row) => (row as { migration_name: string }).migration_name);
  return pendingOf(TARGETS.sqlite, new Set(applied));
}

async function listPendingPostgres(client: pg.Client): Promise<string[]> {
  const table = await client.query<{ name: string | null }>(
    "SELECT to_regclass('_prisma_migrations')::text AS name",
  );
  if (!table.rows[0]?.name) return pendingOf(TARGETS.postgresql, new Set());
  const applied = await client.query<{ migration_name: string }>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  return pendingOf(TARGETS.postgresql, new Set(applied.rows.map((row) => row.migration_name)));
}

async function applyPending(target: Target, databaseUrl: string, log: Log): Promise<string[]> {
  return withEngine(target, databaseUrl, log, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationList(target),
      filters: NO_FILTERS,
    });
    return appliedMigrationNames;
  });
}

/**
 * Applies every migration not yet recorded in _prisma_migrations, from prisma/migrations (SQLite,
 * file: URLs) or prisma/postgresql/migrations (postgresql:// URLs). Returns the names applied.
 */
export async function applyMigrations(databaseUrl: string, log: Log = console.error): Promise<string[]> {
  if (databaseProvider(databaseUrl) === "postgresql") return applyPostgresMigrations(databaseUrl, log);
  ensureDatabaseDirectory(databaseUrl);
  const file = new Database(databaseUrl.slice("file:".length));
  let pending: string[];
  try {
    // WAL lets readers proceed while a submission is written; the setting persists in the file.
    if (file.pragma("journal_mode", { simple: true }) !== "wal") file.pragma("journal_mode = WAL");
    pending = listPendingSqlite(file);
  } finally {
    file.close();
  }
  // The engine locks the whole file even when there is nothing to do, and fails while a running
  // server holds a connection: only start it when a migration is actually pending.
  if (pending.length === 0) return [];
  return applyPending(TARGETS.sqlite, databaseUrl, log);
}

async function applyPostgresMigrations(databaseUrl: string, log: Log): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Several app servers start at once on one database: the first migrates, the others wait for
    // it here and then find nothing pending. The lock is the session's and ends with it.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    const pending = await listPendingPostgres(client);
    if (pending.length === 0) return [];
    return await applyPending(TARGETS.postgresql, databaseUrl, log);
  } finally {
    await client.end();
  }
}

async function diffMigrationsToSchema(target: Target, databaseUrl: string, log: Log): Promise<string> {
  return withEngine(target, databaseUrl, log, async (engine) => {
    const diff = await engine.diff({
      from: { tag: "migrations", ...readMigrationList(target) },
      to: { tag: "schemaDatamodel", files: [{ path: target.schemaPath, content: target.schema() }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = ((diff as { stdout?: string }).stdout ?? "").trim();
    return !sql || /^-- This is an empty migration/.test(sql) ? "" : sql;
  });
}

/**
 * The SQL that would take the provider's migrations folder to the schema: "" when they agree.
 * PostgreSQL replays the migrations into a shadow database on the server at `postgresServerUrl`.
 */
export async function migrationDrift(
  provider: DatabaseProvider,
  postgresServerUrl?: string,
  log: Log = console.error,
): Promise<string> {
  if (provider === "sqlite") return diffMigrationsToSchema(TARGETS.sqlite, "file::memory:", log);
  if (!postgresServerUrl) throw new Error("migrationDrift(postgresql) needs a PostgreSQL server URL");
  return diffMigrationsToSchema(TARGETS.postgresql, postgresServerUrl, log);
}

function writeMigration(target: Target, folder: string, sql: string): string {
  const dir = path.join(target.migrationsDir, folder);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
  const lockPath = path.join(target.migrationsDir, LOCKFILE);
  if (!fs.existsSync(lockPath)) {
    fs.writeFileSync(
      lockPath,
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${target.provider}"\n`,
    );
  }
  return dir;
}

/**
 * Writes a new migration, for SQLite and for PostgreSQL under the same folder name, with the SQL
 * that takes each migrations folder to prisma/schema.prisma (and rewrites the derived PostgreSQL
 * schema). PostgreSQL's diff needs a server for its shadow database: `postgresServerUrl`, else
 * MIGRATION_POSTGRES_URL, else a throwaway cluster (lib/db/throwaway-postgres.ts).
 * Returns the folders written: none when the schema has no changes.
 */
export async function createMigration(
  name: string,
  log: Log = console.error,
  postgresServerUrl = process.env.MIGRATION_POSTGRES_URL,
): Promise<string[]> {
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error(`Migration name must be snake_case letters and digits: ${name}`);
  writePostgresSchema();
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  const written: string[] = [];
  const sqliteSql = await migrationDrift("sqlite", undefined, log);
  let serverUrl = postgresServerUrl;
  let cluster: Awaited<ReturnType<typeof startThrowawayPostgres>> | null = null;
  if (!serverUrl) {
    cluster = await startThrowawayPostgres();
    if ("skip" in cluster)
      throw new Error(
        `writing the PostgreSQL migration needs a server: set MIGRATION_POSTGRES_URL (${cluster.skip})`,
      );
    serverUrl = cluster.serverUrl;
  }
  try {
    const postgresSql = await migrationDrift("postgresql", serverUrl, log);
    if (sqliteSql) written.push(writeMigration(TARGETS.sqlite, folder, sqliteSql));
    if (postgresSql) written.push(writeMigration(TARGETS.postgresql, folder, postgresSql));
  } finally {
    if (cluster && !("skip" in cluster)) cluster.stop();
  }
  return written;
}
