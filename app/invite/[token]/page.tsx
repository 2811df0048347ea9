import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { Alert } from "@/components/ui/card";
import { getSessionUser } from "@/server/next/auth";
import { serverCaller } from "@/server/next/caller";
import { SignOutLink } from "@/components/auth/sign-out-link";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("auth.invite");
  const caller = await serverCaller();
  const inv = await caller.invitations.describe({ token }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) return null;
    throw e;
  });
  if (!inv) {
    return (
      <AuthCard title={t("notFoundTitle")}>
        <Alert>{t("notFound")}</Alert>
      </AuthCard>
    );
  }
  if (inv.status !== "valid") {
    return (
      <AuthCard title={t(`${inv.status}Title`)}>
        <Alert data-testid="invite-status">{t(inv.status, { workspace: inv.workspaceName })}</Alert>
        <p className="mt-4 text-sm text-fg-muted">{t("askAgain")}</p>
      </AuthCard>
    );
  }
  const user = await getSessionUser();
  const back = `/invite/${token}`;
  const q = new URLSearchParams({ callbackUrl: back, email: inv.email }).toString();
  return (
    <AuthCard
      title={t("title", { workspace: inv.workspaceName })}
      subtitle={t("subtitle", { inviter: inv.invitedBy ?? "—", role: t(`roles.${inv.role}`) })}
    >
      {!user ? (
        <div className="space-y-3 text-sm">
          <p>{t("signInAs", { email: inv.email })}</p>
          <div className="flex gap-2">
            <Link
              className="flex-1 rounded-md bg-brand-600 px-4 py-2 text-center font-medium text-white hover:bg-brand-700"
              href={`/sign-up?${q}`}
            >
              {t("createAccount")}
            </Link>
            <Link
              className="flex-1 rounded-md border border-border px-4 py-2 text-center font-medium hover:bg-muted"
              href={`/sign-in?${q}`}
            >
              {t("signIn")}
            </Link>
          </div>
        </div>
      ) : user.email !== inv.email ? (
        <div className="space-y-3">
          <Alert>{t("wrongEmail", { email: inv.email, current: user.email })}</Alert>
          <SignOutLink callbackUrl={`/sign-in?${q}`} />
        </div>
      ) : (
        <AcceptInvitation token={token} />
      )}
    </AuthCard>
  );
}
