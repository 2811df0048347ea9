import { getTranslations } from "next-intl/server";
import { BackLink } from "@/components/ui/back-link";
import { Card, CardTitle, PageHeader } from "@/components/ui/card";
import { pageTitle } from "@/server/next/page-title";
import { bundledDataset } from "@/server/opportunities/dataset";
import { FACET_BANDS, FEASIBILITY_WEIGHTS, STAGE_VALUE, VALUE_WEIGHTS } from "@/server/opportunities/scoring";
import { citedSources } from "@/server/opportunities/sources";

export const generateMetadata = pageTitle("methodology", "opportunities");

const pct = (share: number) => String(Math.round(share * 100));

/**
 * How the map's scores, fit and sources work, for founders (docs/OPPORTUNITIES.md is the
 * engineer's version). The weights shown are the scoring code's own constants, and the sources are
 * read from the bundled dataset, so the page cannot drift from what the map computes.
 */
export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const t = await getTranslations("opportunities.methodology");
  const factor = await getTranslations("opportunities.factor");
  const dataset = bundledDataset();
  const sources = citedSources(dataset);
  const terms = (rows: [string, number][]) => (
    <ul className="mt-3 divide-y divide-border text-sm">
      {rows.map(([label, weight]) => (
        <li key={label} className="flex justify-between gap-4 py-1.5">
          <span>{label}</span>
          <span className="tabular-nums text-fg-muted">{t("weight", { weight: pct(weight) })}</span>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="space-y-6" data-testid="methodology">
        <Card>
          <CardTitle>{t("datasetTitle")}</CardTitle>
          <p className="mt-2 text-sm text-fg-muted">
            {t("datasetBody", { count: dataset.opportunities.length, version: dataset.version })}
          </p>
          <p className="mt-2 text-sm text-fg-muted">{t("judgement")}</p>
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardTitle>{t("valueTitle")}</CardTitle>
            <p className="mt-2 text-sm text-fg-muted">{t("valueBody")}</p>
            {terms([
              [factor("marketSize"), VALUE_WEIGHTS.marketSize],
              [factor("growth"), VALUE_WEIGHTS.growth],
              [t("estimateTerm"), VALUE_WEIGHTS.estimate],
              [t("stageTerm", { mainstream: pct(STAGE_VALUE.mainstream), emerging: pct(STAGE_VALUE.emerging) }), VALUE_WEIGHTS.stage],
            ])}
          </Card>
          <Card>
            <CardTitle>{t("feasibilityTitle")}</CardTitle>
            <p className="mt-2 text-sm text-fg-muted">{t("feasibilityBody")}</p>
            {terms(Object.entries(FEASIBILITY_WEIGHTS).map(([key, weight]) => [factor(key as keyof typeof FEASIBILITY_WEIGHTS), weight]))}
          </Card>
        </div>
        <Card>
          <CardTitle>{t("fitTitle")}</CardTitle>
          <p className="mt-2 text-sm text-fg-muted">{t("fitBody", { blindSpot: FACET_BANDS.blindSpotBelow })}</p>
          <p className="mt-2 text-sm text-fg-muted">{t("fitMissing")}</p>
        </Card>
        <Card>
          <CardTitle>{t("priorityTitle")}</CardTitle>
          <p className="mt-2 text-sm text-fg-muted">{t("priorityBody")}</p>
          <CardTitle className="mt-4">{t("explainTitle")}</CardTitle>
          <p className="mt-2 text-sm text-fg-muted">{t("explainBody")}</p>
        </Card>
        <Card>
          <CardTitle>{t("sourcesTitle")}</CardTitle>
          <p className="mt-2 text-sm text-fg-muted">{t("sourcesBody")}</p>
          <ul className="mt-3 space-y-2 text-sm" data-testid="methodology-sources">
            {sources.map((s) => (
              <li key={`${s.url}-${s.year}-${s.title}`} className="break-words">
                <a href={s.url} className="font-medium text-brand-700 hover:underline dark:text-brand-300" rel="noreferrer" target="_blank">
                  {s.name}
                </a>
                <span className="text-fg-muted">
                  {" "}
                  · {s.title} · {s.year} · {t("sourceUses", { count: s.uses })}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <BackLink href={`/w/${slug}/opportunities`}>{t("back")}</BackLink>
    </>
  );
}
