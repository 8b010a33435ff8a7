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
import { resolveClientAddress } from "./client-address.ts";
import { getAuthSecret } from "./secret.ts";
import { createSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions.ts";
import { checkCredentials, signInSchema } from "./users.ts";

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}
export class RateLimited extends CredentialsSignin {
  override code = "rate_limited";
}

/** The client address of a request: the socket's, or what TRUST_PROXY allows (client-address.ts). */
export function getClientAddress(headers: Headers): string {
  return resolveClientAddress(headers, env.TRUST_PROXY);
}

export const isGitHubEnabled = Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);

const providers: Provider[] = [
  Credentials({
    credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
    async authorize(credentials, request) {
      const parsed = signInSchema.safeParse(credentials);
      if (!parsed.success) throw new InvalidCredentials();
      const result = await checkCredentials(
        parsed.data.email,
        parsed.data.password,
        getClientAddress(request.headers),
      );
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
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
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
    // At sign-in (`user` is set) the token gets a server-side session record; getCurrentUser
    // accepts a token only while that record exists (lib/auth/sessions.ts).
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = await createSession(user.id);
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sid = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await revokeSession(sid);
    },
  },
});

declare module "next-auth" {
  interface Session {
    /** The server-side session this token belongs to (lib/auth/sessions.ts). */
    sid?: string;
  }
}
