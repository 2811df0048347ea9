import { BarChart3, Brain, FlaskConical, Lightbulb } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { requireWorkspace } from "@/server/workspace-page";

const SECTIONS = [
  { key: "assessment", icon: Brain },
  { key: "opportunities", icon: BarChart3 },
  { key: "prototypes", icon: FlaskConical },
  { key: "ideas", icon: Lightbulb },
] as const;

export default async function WorkspaceHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations("common");
  const access = await requireWorkspace(slug);
  return (
    <>
      <PageHeader title={access.workspace.name} description={t("overview.description")} />
      <div className="grid gap-4 sm:grid-cols-2">
        {SECTIONS.map(({ key, icon: Icon }) => (
          <Link key={key} href={`/w/${slug}/${key}`} className="group">
            <Card className="h-full transition-colors group-hover:border-brand-500">
              <Icon className="mb-3 size-6 text-brand-600" aria-hidden />
              <h2 className="font-semibold">{t(`sections.${key}.title`)}</h2>
              <p className="mt-1 text-sm text-fg-muted">{t(`sections.${key}.description`)}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
