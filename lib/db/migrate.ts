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
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { ROOT } from "../env.ts";

const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
const LOCKFILE = "migration_lock.toml";
const NO_FILTERS = { externalTables: [], externalEnums: [] };

type Log = (message: string) => void;

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

async function withEngine<T>(databaseUrl: string, log: Log, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
  const connections = new ShadowSafeSqliteFactory({ url: databaseUrl });
  const factory = bindMigrationAwareSqlAdapterFactory(connections);
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => {
      // The engine logs JSON lines; only warnings and errors are worth a person's attention.
      try {
        const entry = JSON.parse(line) as { level?: string; fields?: { message?: string } };
        if (entry.level === "WARN" || entry.level === "ERROR") log(`schema engine: ${entry.fields?.message ?? line}`);
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
    await Promise.all(connections.opened.map((adapter) => adapter.dispose()));
  }
}

function readMigrationList(): MigrationList {
  const dirs = fs.existsSync(MIGRATIONS_DIR)
    ? fs
        .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, LOCKFILE);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: LOCKFILE,
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : 'provider = "sqlite"\n',
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => {
      const file = path.join(MIGRATIONS_DIR, dir, "migration.sql");
      return {
        path: dir,
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

/** Migration folders not yet recorded as applied in the database's _prisma_migrations table. */
function listPendingMigrations(file: Database.Database): string[] {
  const folders = readMigrationList().migrationDirectories.map((dir) => dir.path);
  const hasTable = file.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
  if (!hasTable) return folders;
  const applied = new Set(
    file
      .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
      .all()
      .map((row) => (row as { migration_name: string }).migration_name),
  );
  return folders.filter((folder) => !applied.has(folder));
}

/** Applies every migration not yet recorded in _prisma_migrations. Returns the names applied. */
export async function applyMigrations(databaseUrl: string, log: Log = console.error): Promise<string[]> {
  ensureDatabaseDirectory(databaseUrl);
  const file = new Database(databaseUrl.slice("file:".length));
  let pending: string[];
  try {
    // WAL lets readers proceed while a submission is written; the setting persists in the file.
    if (file.pragma("journal_mode", { simple: true }) !== "wal") file.pragma("journal_mode = WAL");
    pending = listPendingMigrations(file);
  } finally {
    file.close();
  }
  // The engine locks the whole file even when there is nothing to do, and fails while a running
  // server holds a connection: only start it when a migration is actually pending.
  if (pending.length === 0) return [];
  return withEngine(databaseUrl, log, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrationList(),
      filters: NO_FILTERS,
    });
    return appliedMigrationNames;
  });
}

/**
 * Writes a new migration with the SQL that takes the migrations folder to prisma/schema.prisma.
 * Returns the new folder's path, or null when the schema has no changes.
 */
export async function createMigration(name: string, log: Log = console.error): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Migration name must be snake_case letters and digits: ${name}`);
  const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
  // The diff needs no database, but the engine needs an adapter: use a throwaway in-memory one.
  return withEngine("file::memory:", log, async (engine) => {
    const migrations = readMigrationList();
    const diff = await engine.diff({
      from: { tag: "migrations", ...migrations },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = (diff as { stdout?: string }).stdout ?? "";
    if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) return null;
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    const lockPath = path.join(MIGRATIONS_DIR, LOCKFILE);
    if (!fs.existsSync(lockPath)) {
      fs.writeFileSync(
        lockPath,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n',
      );
    }
    return dir;
  });
}
