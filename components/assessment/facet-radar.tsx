"use client";

import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from "recharts";

export interface RadarPoint {
  facet: string;
  now: number;
  then?: number;
}

/** All facets on one radar; an earlier attempt, when given, is drawn underneath as an outline. */
export function FacetRadar({ data, nowLabel, thenLabel }: { data: RadarPoint[]; nowLabel: string; thenLabel?: string }) {
  return (
    <div className="h-96 w-full" data-testid="facet-radar">
      <ResponsiveContainer width="100%" height="100%">
        <RadarChart data={data} outerRadius="70%">
          <PolarGrid stroke="var(--color-border)" />
          <PolarAngleAxis dataKey="facet" tick={{ fontSize: 11, fill: "var(--color-fg-muted)" }} />
          <PolarRadiusAxis domain={[0, 100]} tickCount={6} tick={{ fontSize: 10, fill: "var(--color-fg-subtle)" }} angle={90} />
          {thenLabel && (
            <Radar name={thenLabel} dataKey="then" stroke="var(--color-fg-muted)" strokeDasharray="4 3" fill="transparent" isAnimationActive={false} />
          )}
          <Radar name={nowLabel} dataKey="now" stroke="var(--color-brand-600)" fill="var(--color-brand-500)" fillOpacity={0.3} isAnimationActive={false} />
          <Tooltip contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-border)", fontSize: 12 }} />
          {thenLabel && <Legend wrapperStyle={{ fontSize: 12 }} />}
        </RadarChart>
      </ResponsiveContainer>
    </div>
  );
}
