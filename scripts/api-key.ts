/**
 * API keys from the command line (for automation; people use /teach/keys):
 *   npm run api-key -- create --user <email> --name <name>    prints the key once (last line: the key)
 *   npm run api-key -- list [--user <email>]
 *   npm run api-key -- revoke <key-id>
 */
import { parseArgs } from "node:util";
import { createApiKey, apiKeyNameSchema } from "../lib/api/keys.ts";
import { db } from "../lib/db.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { getDatabaseUrl } from "../lib/env.ts";

const USAGE = `usage:
  npm run api-key -- create --user <email> --name <name>
  npm run api-key -- list [--user <email>]
  npm run api-key -- revoke <key-id>`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { user: { type: "string" }, name: { type: "string" } },
});
const [command, argument] = positionals;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

// A fresh install may not have started the server yet: bring the database up to date first (a
// no-op that leaves a running server alone when nothing is pending).
await applyMigrations(getDatabaseUrl());

async function findUser(email: string | undefined) {
  if (!email) fail(USAGE);
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, role: true },
  });
  if (!user)
    fail(
      `No user with the email ${email}. Create one first: npm run user -- set-role <email> <role> --password <pw>`,
      1,
    );
  return user;
}

if (command === "create") {
  const user = await findUser(values.user);
  const name = apiKeyNameSchema.safeParse(values.name ?? "");
  if (!name.success) fail(`--name: ${name.error.issues[0]?.message}\n${USAGE}`);
  const created = await createApiKey({ userId: user.id, name: name.data });
  console.error(
    `Created API key ${created.id} "${created.name}" for ${user.email} (${user.role}). It is shown only now:`,
  );
  if (user.role === "learner")
    console.error("Note: a learner's key grades and reads only that learner's own submissions.");
  console.log(created.key);
} else if (command === "list") {
  const user = values.user ? await findUser(values.user) : null;
  const keys = await db.apiKey.findMany({
    where: user ? { userId: user.id } : {},
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      user: { select: { email: true } },
    },
  });
  for (const key of keys) {
    const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
    console.log(
      `${key.id}\t${key.prefix}…\t${key.name}\t${key.user.email}\t${state}\tlast used ${key.lastUsedAt?.toISOString() ?? "never"}`,
    );
  }
  if (keys.length === 0) console.error("No API keys.");
} else if (command === "revoke" && argument) {
  const key = await db.apiKey.findUnique({ where: { id: argument } });
  if (!key) fail(`No API key with id ${argument}.`, 1);
  if (!key.revokedAt) await db.apiKey.update({ where: { id: argument }, data: { revokedAt: new Date() } });
  console.log(`Revoked ${argument} (${key.prefix}…).`);
} else {
  fail(USAGE);
}
