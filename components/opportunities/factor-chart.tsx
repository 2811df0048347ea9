"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface FactorBar {
  factor: string;
  label: string;
  score: number;
  /** Whether a higher score makes the opportunity better (market size, growth, data). */
  good: boolean;
}

/** The eight factors on a 1–5 scale; green where a high score helps, amber where it is a burden. */
export function FactorChart({ data, ariaLabel }: { data: FactorBar[]; ariaLabel: string }) {
  return (
    <div className="h-72 w-full" role="img" aria-label={ariaLabel} data-testid="factor-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ left: 10, right: 20, top: 5, bottom: 5 }}>
          <CartesianGrid stroke="var(--color-border)" horizontal={false} />
          <XAxis type="number" domain={[0, 5]} ticks={[1, 2, 3, 4, 5]} tick={{ fontSize: 11, fill: "var(--color-fg-muted)" }} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11, fill: "var(--color-fg-muted)" }} />
          <Tooltip contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-border)", fontSize: 12 }} />
          <Bar dataKey="score" isAnimationActive={false} radius={[0, 4, 4, 0]}>
            {data.map((d) => (
              <Cell key={d.factor} fill={d.good ? "var(--color-brand-500)" : "#d97706"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
