"use client";

import { useTranslations } from "next-intl";
import { Badge, Card, CardTitle } from "@/components/ui/card";
import { TechnicalDetails } from "@/components/ui/technical-details";
import type { Selection } from "@/server/prototypes/run-json";
import { rangeText } from "./evidence";
import { formatDuration, pct } from "./run-shared";
import { selectionSummary } from "./selection-summary";

/**
 * The optimise step on the results page: every candidate with its cross-validated accuracy
 * (images right of the training images, 95 % range, spread between folds), the winner, and one
 * sentence on why it won. Folds and grids sit under the shared Technical details disclosure.
 */
export function ModelsTried({ selection, seed }: { selection: Selection; seed?: number }) {
  const t = useTranslations("prototypes.results.models");
  const summary = selectionSummary(selection);
  const name = (kind: string) => t(`names.${kind}` as "names.logistic");
  const count = selection.trainImages;
  return (
    <Card data-testid="models-tried">
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("intro", { folds: selection.folds, count })}</p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-fg-muted">
            <tr>
              <th className="py-1 pr-3">{t("model")}</th>
              <th className="py-1">{t("cvAccuracy")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.rows.map((row) => (
              <tr key={row.kind} className="border-t border-border align-top" data-testid={`candidate-${row.kind}`}>
                <td className="py-1 pr-3">
                  {t(`kinds.${row.kind}` as "kinds.logistic")}
                  {row.winner && (
                    <Badge tone="brand" className="ml-2" data-testid="candidate-chosen">
                      {t("chosen")}
                    </Badge>
                  )}
                </td>
                <td className="py-1 tabular-nums">
                  <span className={row.winner ? "font-semibold" : undefined}>{pct(row.cv.estimate)}</span>
                  <span className="block text-xs text-fg-subtle">
                    {t("evidence", { correct: row.cv.successes, count: row.cv.n, range: rangeText(row.cv) })}
                  </span>
                  <span className="block text-xs text-fg-subtle">{t("spread", { points: (row.spread * 100).toFixed(1) })}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-sm text-fg" data-testid="selection-reason">
        {summary.reason === "alone"
          ? t("whyAlone")
          : summary.reason === "tie"
            ? t("whyTie", { count, runnerUp: name(summary.runnerUp!.kind) })
            : t("whyHigher", { count, runnerUp: name(summary.runnerUp!.kind), points: summary.points.toFixed(1) })}{" "}
        {summary.winner.kind === "pixels" ? t("pixelsAnswer") : t("answers")}
      </p>
      <TechnicalDetails className="mt-3" testId="models-tried-technical">
        <p>{t("folds", { folds: selection.folds, seed: seed ?? "—" })}</p>
        <ul className="mt-2 space-y-1">
          {summary.rows.map(({ kind, candidate }) => (
            <li key={kind}>
              <span className="block">
                {t("perFold", {
                  model: t(`kinds.${kind}` as "kinds.logistic"),
                  values: candidate.foldAccuracies.map((a) => pct(a)).join(", "),
                  duration: formatDuration(candidate.durationMs),
                })}
              </span>
              {candidate.params.lambda !== undefined && (
                <span className="block">
                  {t("lambdaGrid", {
                    count: candidate.n,
                    values: candidate.grid.map((g) => `λ=${g.lambda}: ${g.correct}`).join(", "),
                    lambda: String(candidate.params.lambda),
                  })}
                </span>
              )}
              {candidate.params.epochs !== undefined && (
                <span className="block">{t("epochsChosen", { epochs: candidate.params.epochs })}</span>
              )}
            </li>
          ))}
        </ul>
      </TechnicalDetails>
    </Card>
  );
}
