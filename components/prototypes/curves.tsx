"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { EpochPoint } from "./run-shared";

/** Loss and accuracy per epoch, training and validation. */
export function Curves({ history, height = 220 }: { history: EpochPoint[]; height?: number }) {
  const t = useTranslations("prototypes.results.curves");
  if (history.length === 0) return <p className="text-sm text-fg-muted">{t("empty")}</p>;
  const data = history.map((h) => ({ epoch: h.epoch, loss: h.loss, valLoss: h.valLoss, acc: h.acc, valAcc: h.valAcc }));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <figure>
        <figcaption className="mb-1 text-sm font-medium text-fg">{t("loss")}</figcaption>
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
            <XAxis dataKey="epoch" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 12 }} width={40} />
            <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(3) : String(v))} />
            <Legend />
            <Line type="monotone" dataKey="loss" name={t("train")} stroke="#6366f1" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="valLoss" name={t("validation")} stroke="#f59e0b" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure>
        <figcaption className="mb-1 text-sm font-medium text-fg">{t("accuracy")}</figcaption>
        <ResponsiveContainer width="100%" height={height}>
          <LineChart data={data} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
            <XAxis dataKey="epoch" tick={{ fontSize: 12 }} />
            <YAxis domain={[0, 1]} tick={{ fontSize: 12 }} width={40} />
            <Tooltip formatter={(v) => (typeof v === "number" ? `${(v * 100).toFixed(1)} %` : String(v))} />
            <Legend />
            <Line type="monotone" dataKey="acc" name={t("train")} stroke="#6366f1" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="valAcc" name={t("validation")} stroke="#f59e0b" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
