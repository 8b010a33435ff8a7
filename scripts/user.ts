/**
 * Create or promote accounts from the command line.
 *   npm run user -- set-role <email> <learner|instructor|admin> [--password <pw>] [--name <name>]
 * Creates the account when the email is new (then --password is required).
 */
import { parseArgs } from "node:util";
import { roleSchema } from "../lib/auth/roles.ts";
import { emailSchema, passwordSchema, setUserRole } from "../lib/auth/users.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { getDatabaseUrl } from "../lib/env.ts";

const USAGE = "usage: npm run user -- set-role <email> <learner|instructor|admin> [--password <pw>] [--name <name>]";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { password: { type: "string" }, name: { type: "string" } },
});
const [command, rawEmail, rawRole] = positionals;
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
  const { created } = await setUserRole({ email: email.data, role: role.data, password: password?.data, name: values.name });
  console.log(`${created ? "Created" : "Updated"} ${email.data}: role ${role.data}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
