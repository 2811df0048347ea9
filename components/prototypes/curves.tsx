"use client";

import type { ReactElement } from "react";
import { useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend } from "@/components/ui/chart-legend";
import { epochTicks } from "./epoch-ticks";
import type { EpochPoint } from "./run-shared";

/**
 * Series colours with at least 3:1 against the chart background in both themes (the old amber
 * #f59e0b was 2.15:1 on white); validation is also dashed, so colour is not the only difference.
 */
const TRAIN = "#4f46e5";
const VALIDATION = "#b45309";

/** Loss and accuracy per epoch, training and validation. */
export function Curves({ history, height = 220 }: { history: EpochPoint[]; height?: number }) {
  const t = useTranslations("prototypes.results.curves");
  if (history.length === 0) return <p className="text-sm text-fg-muted">{t("empty")}</p>;
  const data = history.map((h) => ({ epoch: h.epoch, loss: h.loss, valLoss: h.valLoss, acc: h.acc, valAcc: h.valAcc }));
  const last = Math.max(...data.map((d) => d.epoch));
  const xAxis = (
    <XAxis
      dataKey="epoch"
      type="number"
      domain={[1, Math.max(2, last)]}
      ticks={epochTicks(last)}
      allowDecimals={false}
      tick={{ fontSize: 12 }}
    />
  );
  const legend = (
    <ChartLegend
      items={[
        { label: t("train"), colour: TRAIN },
        { label: t("validation"), colour: VALIDATION, dashed: true },
      ]}
    />
  );
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
      <EpochChart
        caption={t("loss")}
        data={data}
        height={height}
        xAxis={xAxis}
        yAxis={<YAxis tick={{ fontSize: 12 }} width={40} />}
        format={(v) => v.toFixed(3)}
        trainKey="loss"
        validationKey="valLoss"
        legend={legend}
      />
      <EpochChart
        caption={t("accuracy")}
        data={data}
        height={height}
        xAxis={xAxis}
        yAxis={<YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={{ fontSize: 12 }} width={40} />}
        format={(v) => `${(v * 100).toFixed(1)} %`}
        trainKey="acc"
        validationKey="valAcc"
        legend={legend}
      />
    </div>
  );
}

type EpochRow = Pick<EpochPoint, "epoch" | "loss" | "valLoss" | "acc" | "valAcc">;

/** One captioned figure: a measure's training line (solid) and validation line (dashed) per epoch. */
function EpochChart({
  caption,
  data,
  height,
  xAxis,
  yAxis,
  format,
  trainKey,
  validationKey,
  legend,
}: {
  caption: string;
  data: EpochRow[];
  height: number;
  xAxis: ReactElement;
  yAxis: ReactElement;
  /** How the tooltip writes a value. */
  format: (value: number) => string;
  trainKey: "loss" | "acc";
  validationKey: "valLoss" | "valAcc";
  legend: ReactElement;
}) {
  const t = useTranslations("prototypes.results.curves");
  // accessibilityLayer off: it makes each chart an unnamed Tab stop; the caption names the figure.
  return (
    <figure>
      <figcaption className="mb-1 text-sm font-medium text-fg">{caption}</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
          {xAxis}
          {yAxis}
          <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : String(v))} />
          <Line type="monotone" dataKey={trainKey} name={t("train")} stroke={TRAIN} dot={false} isAnimationActive={false} />
          <Line
            type="monotone"
            dataKey={validationKey}
            name={t("validation")}
            stroke={VALIDATION}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      {legend}
    </figure>
  );
}
