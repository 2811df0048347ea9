import type { NextAuthOptions } from "next-auth";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { env } from "@/server/env";
import { getDb } from "@/server/db";
import { DomainError } from "@/server/errors";
import { ensureDatabase } from "@/server/runtime/database";
import type { SessionUser } from "@/server/trpc";
import { clientIp } from "@/server/auth/client-ip";
import { upsertOAuthUser, verifyCredentials } from "@/server/auth/users";
import { decodeSessionToken, encodeSessionToken } from "@/server/next/session-token";
import { visitorLocale } from "@/server/next/visitor-locale";

/** Sign-in providers: email and password always; GitHub and Google only when configured. */
function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        await ensureDatabase();
        try {
          const user = await verifyCredentials(
            getDb(),
            { email: credentials?.email ?? "", password: credentials?.password ?? "", ip: clientIp(req?.headers, env.TRUSTED_PROXIES) },
            { maxAttempts: env.SIGNIN_MAX_ATTEMPTS, windowMs: env.SIGNIN_WINDOW_MINUTES * 60_000 },
          );
          return { id: user.id, email: user.email, name: user.name };
        } catch (err) {
          // next-auth passes this message to the client as ?error=…; keep it a stable reason key.
          if (err instanceof DomainError) throw new Error(err.reason);
          throw err;
        }
      },
    }),
  ];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    list.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.GOOGLE_ID && env.GOOGLE_SECRET) {
    list.push(GoogleProvider({ clientId: env.GOOGLE_ID, clientSecret: env.GOOGLE_SECRET }));
  }
  return list;
}

export function oauthProviders(): { id: "github" | "google"; name: string }[] {
  const out: { id: "github" | "google"; name: string }[] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) out.push({ id: "github", name: "GitHub" });
  if (env.GOOGLE_ID && env.GOOGLE_SECRET) out.push({ id: "google", name: "Google" });
  return out;
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: providers(),
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.provider === "credentials") return true;
      if (!user.email) return "/sign-in?error=emailRequired";
      await ensureDatabase();
      const local = await upsertOAuthUser(getDb(), {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        email: user.email,
        name: user.name ?? null,
        // The sign-in page's language: a new account and its personal workspace start in it.
        locale: await visitorLocale(),
      });
      user.id = local.id;
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.email = user.email;
        token.name = user.name;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") {
        (session.user as SessionUser).id = token.uid;
      }
      return session;
    },
  },
};

/**
 * The signed-in user, for server components, route handlers and the tRPC context: the session
 * cookie decoded, nothing more. `getServerSession` would also run the callbacks and encrypt a
 * refreshed cookie on every call, which an App Router request cannot even send back (it only
 * reaches the browser from /api/auth/session, which the client's session provider calls).
 * Once per server render (layout, pages and next-intl's request config all ask).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const token = await getToken({
    // Cookies only: unlike getToken's default, a bearer header is never a session here (it is an API key).
    req: { cookies: await cookies(), headers: new Headers() } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: env.NEXTAUTH_SECRET,
    secureCookie: env.NEXTAUTH_URL.startsWith("https://"),
    decode: decodeSessionToken,
  });
  if (typeof token?.uid !== "string" || typeof token.email !== "string") return null;
  return { id: token.uid, email: token.email, name: typeof token.name === "string" ? token.name : null };
});
