/**
 * Accounts from the command line.
 *   npm run user -- set-role <email> <learner|instructor|admin> [--password <pw>] [--name <name>]
 *     Creates the account when the email is new (then --password is required). Ends the user's
 *     sessions when the role changes, and records the change in the audit log.
 *   npm run user -- reset-link <email> [--base-url <url>]
 *     Prints a one-time password-reset link (valid one hour) for an admin to pass on, for servers
 *     without email (SMTP_URL). The base URL defaults to SITE_URL, else http://localhost:PORT.
 */
import { parseArgs } from "node:util";
import { roleSchema } from "../lib/auth/roles.ts";
import { emailSchema, passwordSchema, setUserRole } from "../lib/auth/users.ts";
import { createPasswordReset, resetLink } from "../lib/auth/password-reset.ts";
import { db } from "../lib/db.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { env, getDatabaseUrl } from "../lib/env.ts";

const USAGE = [
  "usage: npm run user -- set-role <email> <learner|instructor|admin> [--password <pw>] [--name <name>]",
  "       npm run user -- reset-link <email> [--base-url <url>]",
].join("\n");

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { password: { type: "string" }, name: { type: "string" }, "base-url": { type: "string" } },
});
const [command, rawEmail, rawRole] = positionals;
if (command === "reset-link" && rawEmail) {
  process.exit(await printResetLink(rawEmail, values["base-url"]));
}
if (command !== "set-role" || !rawEmail || !rawRole) {
  console.error(USAGE);
  process.exit(2);
}
const email = emailSchema.safeParse(rawEmail);
const role = roleSchema.safeParse(rawRole);
const password = values.password === undefined ? undefined : passwordSchema.safeParse(values.password);
if (!email.success || !role.success || (password && !password.success)) {
  if (!email.success) console.error(`Invalid email: ${rawEmail}`);
  if (!role.success) console.error(`Invalid role: ${rawRole} (use learner, instructor or admin)`);
  if (password && !password.success) console.error(`Invalid password: ${password.error.issues[0]?.message}`);
  process.exit(2);
}

await applyMigrations(getDatabaseUrl());
try {
  const { created } = await setUserRole({
    email: email.data,
    role: role.data,
    password: password?.data,
    name: values.name,
  });
  console.log(`${created ? "Created" : "Updated"} ${email.data}: role ${role.data}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

async function printResetLink(rawEmail: string, baseUrl: string | undefined): Promise<number> {
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success) {
    console.error(`Invalid email: ${rawEmail}`);
    return 2;
  }
  await applyMigrations(getDatabaseUrl());
  const user = await db.user.findUnique({
    where: { email: email.data },
    select: { id: true, passwordHash: true },
  });
  if (!user) {
    console.error(`No account has the email ${email.data}.`);
    return 1;
  }
  const token = await createPasswordReset(user.id);
  const base = baseUrl ?? env.SITE_URL ?? `http://localhost:${env.PORT}`;
  console.log(`Password-reset link for ${email.data} (works once, for one hour):`);
  console.log(resetLink(token, base));
  return 0;
}
