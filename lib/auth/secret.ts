/**
 * The secret that signs session tokens. AUTH_SECRET wins; otherwise one is generated on first start
 * and kept in data/auth-secret (git-ignored, mode 0600), so sessions survive restarts.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { DATA_DIR, env } from "../env.ts";

const SECRET_FILE = path.join(DATA_DIR, "auth-secret");

/** Returns AUTH_SECRET, or the persisted generated secret, creating it if needed. */
export function getAuthSecret(log: (message: string) => void = console.log): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  try {
    const saved = fs.readFileSync(SECRET_FILE, "utf8").trim();
    if (saved.length >= 32) return saved;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": if another process created the file first, keep theirs.
    fs.writeFileSync(SECRET_FILE, secret + "\n", { mode: 0o600, flag: "wx" });
    log(`No AUTH_SECRET set: generated one and saved it to ${SECRET_FILE}. Set AUTH_SECRET to use your own.`);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      return fs.readFileSync(SECRET_FILE, "utf8").trim();
    throw error;
  }
}
