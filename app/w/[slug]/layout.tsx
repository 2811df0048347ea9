import { WorkspaceShell } from "@/components/shell/sidebar";
import { WorkspaceProvider } from "@/components/shell/workspace-context";
import { requireWorkspace } from "@/server/next/workspace-page";

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, workspace, role, permissions } = await requireWorkspace(slug);
  return (
    <WorkspaceProvider value={{ ...workspace, role, permissions, userId: user.id }}>
      <WorkspaceShell user={user}>{children}</WorkspaceShell>
    </WorkspaceProvider>
  );
}
