import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
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

/** The signed-in user, for server components, route handlers and the tRPC context. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const u = session?.user as Partial<SessionUser> | undefined;
  if (!u?.id || !u.email) return null;
  return { id: u.id, email: u.email, name: u.name ?? null };
}
