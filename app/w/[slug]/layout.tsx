import { WorkspaceShell } from "@/components/shell/sidebar";
import { WorkspaceProvider } from "@/components/shell/workspace-context";
import type { Metadata } from "next";
import { requireWorkspace } from "@/server/next/workspace-page";
import { ClientMessages } from "@/components/i18n/client-messages";

/** Page titles read "Prototypes · Demo Ventures · VentureLens": page, workspace, product. */
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { workspace } = await requireWorkspace((await params).slug);
  return { title: { absolute: `${workspace.name} · VentureLens`, template: `%s · ${workspace.name} · VentureLens` } };
}

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, workspace, role, permissions } = await requireWorkspace(slug);
  return (
    <ClientMessages namespaces={["common", "workspace"]}>
      <WorkspaceProvider value={{ ...workspace, role, permissions, userId: user.id }}>
        <WorkspaceShell user={user}>{children}</WorkspaceShell>
      </WorkspaceProvider>
    </ClientMessages>
  );
}
