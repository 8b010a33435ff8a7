import { execFileSync } from "node:child_process";
import { E2E_DATABASE } from "../playwright.config.ts";

/** Promotes an account through the real command line (`npm run user -- set-role`), on the e2e database. */
export function setRole(email: string, role: "learner" | "instructor" | "admin"): void {
  const output = execFileSync("npm", ["run", "--silent", "user", "--", "set-role", email, role], {
    env: { ...process.env, DATABASE_URL: `file:${E2E_DATABASE}` },
    encoding: "utf8",
  });
  if (!output.includes(`Updated ${email}: role ${role}.`)) throw new Error(`set-role did not update ${email}: ${output}`);
}
