/**
 * Test setup for e2e specs that run servers of their own: creates learner accounts and one API key
 * each in DATABASE_URL's database, through the project's own functions, in one process (one CLI call
 * per account and key took a minute on a loaded machine). Prints `{ "<email>": "<key>" }`.
 *   node --no-node-snapshot --conditions=react-server --import tsx e2e/support/create-learner-keys.ts <email>...
 */
import { createApiKey } from "../../lib/api/keys.ts";
import { setUserRole } from "../../lib/auth/users.ts";
import { db } from "../../lib/db.ts";

const keys: Record<string, string> = {};
for (const email of process.argv.slice(2)) {
  await setUserRole({ email, role: "learner", password: "correct horse battery" });
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  keys[email] = (await createApiKey({ userId: user.id, name: `e2e ${email}` })).key;
}
console.log(JSON.stringify(keys));
await db.$disconnect();
