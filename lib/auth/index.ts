/**
 * next-auth (Auth.js v5) configuration: email + password always, GitHub when AUTH_GITHUB_ID and
 * AUTH_GITHUB_SECRET are set. Sessions are JWTs (required by the credentials provider); the role is
 * read from the database on every request (getCurrentUser), so promotions apply at once.
 */
import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "../db.ts";
import { env } from "../env.ts";
import { getAuthSecret } from "./secret.ts";
import { checkCredentials, signInSchema } from "./users.ts";

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
export class RateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

/** The client address as the proxy in front of us reports it (loopback when there is none). */
export function getClientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}

export const isGitHubEnabled = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);

const providers: Provider[] = [
  Credentials({
    credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
    async authorize(credentials, request) {
      const parsed = signInSchema.safeParse(credentials);
      if (!parsed.success) throw new InvalidCredentials();
      const result = await checkCredentials(parsed.data.email, parsed.data.password, getClientAddress(request.headers));
      if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
      if (result.error === "rate_limited") {
        const error = new RateLimited();
        error.message = String(result.retryAfterSeconds);
        throw error;
      }
      throw new InvalidCredentials();
    },
  }),
];
if (isGitHubEnabled) {
  providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: PrismaAdapter(db),
  providers,
  secret: getAuthSecret(),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // Self-hosted behind any host name; the app never trusts the host for anything but redirects.
  trustHost: true,
  pages: { signIn: "/sign-in" },
  logger: {
    // Auth.js logs CredentialsSignin as an error on every wrong password; that is an expected
    // outcome (recorded for rate limiting), not a server error.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
