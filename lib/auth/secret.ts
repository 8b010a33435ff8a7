/**
 * The secret that signs session tokens. AUTH_SECRET wins; otherwise one is generated on first start
 * and kept in data/auth-secret (git-ignored, mode 0600), so sessions survive restarts.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { DATA_DIR, env } from "../env.ts";

const SECRET_FILE = path.join(DATA_DIR, "auth-secret");
/** The shortest secret accepted, from the file as from AUTH_SECRET (lib/env.ts). */
const MIN_LENGTH = 32;

/** The saved secret; null when there is none (no file, or an empty one). */
function readSaved(file: string): string | null {
  let saved: string;
  try {
    saved = fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  if (saved === "") return null;
  // Why: a short secret (a hand-edited file) would sign session tokens that can be forged by
  // guessing it; AUTH_SECRET has the same minimum.
  if (saved.length < MIN_LENGTH)
    throw new Error(
      `${file} holds a secret shorter than ${MIN_LENGTH} characters: delete the file (a new secret is generated) or set AUTH_SECRET.`,
    );
  return saved;
}

/**
 * Returns AUTH_SECRET, or the persisted generated secret, creating it if needed (`file`: for tests;
 * data/auth-secret otherwise).
 */
export function getAuthSecret(log: (message: string) => void = console.log, file = SECRET_FILE): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const saved = readSaved(file);
  if (saved !== null) return saved;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // "wx": if another process created the file first, keep theirs.
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    log(`No AUTH_SECRET set: generated one and saved it to ${file}. Set AUTH_SECRET to use your own.`);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const theirs = readSaved(file);
    // Why: an empty file left behind (a crash between creating and writing it) must not become an
    // empty signing secret.
    if (theirs === null)
      throw new Error(`${file} is empty: delete it (a new secret is generated) or set AUTH_SECRET.`);
    return theirs;
  }
}
