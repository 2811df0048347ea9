import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/next-auth";
import { serverCaller } from "@/server/caller";
import { WorkspaceShell } from "@/components/shell/sidebar";
import { WorkspaceProvider } from "@/components/shell/workspace-context";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/w/${slug}`)}`);
  const caller = await serverCaller();
  const access = await caller.workspace.bySlug({ slug }).catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <WorkspaceProvider value={{ ...access.workspace, role: access.role, permissions: access.permissions, userId: user.id }}>
      <WorkspaceShell user={user}>{children}</WorkspaceShell>
    </WorkspaceProvider>
  );
}
