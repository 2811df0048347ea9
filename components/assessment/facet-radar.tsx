"use client";

import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from "recharts";

/** Facet names wrapped onto short lines, so long ones are not cut off at the chart's sides. */
function wrap(label: string, width = 16): string[] {
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + " " + word).length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function FacetTick({
  x,
  y,
  payload,
  textAnchor,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  textAnchor?: string;
}) {
  const lines = wrap(String(payload?.value ?? ""));
  const cy = Number(y ?? 0);
  // Labels below the centre grow downwards, those above grow upwards, away from the chart.
  const shift = cy > 200 ? 0 : -(lines.length - 1) * 12;
  return (
    <text x={x} y={cy + shift} textAnchor={textAnchor as "start" | "middle" | "end" | undefined} fontSize={11} fill="var(--color-fg-muted)">
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? 0 : 12}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

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
        <RadarChart data={data} outerRadius="62%">
          <PolarGrid stroke="var(--color-border)" />
          <PolarAngleAxis dataKey="facet" tick={(props: object) => <FacetTick {...props} />} />
          {/* No tick labels: they collide with the top facet's name; the rings are 20 apart (see the help text). */}
          <PolarRadiusAxis domain={[0, 100]} tickCount={6} tick={false} axisLine={false} />
          {thenLabel && (
            <Radar
              name={thenLabel}
              dataKey="then"
              stroke="var(--color-fg-muted)"
              strokeDasharray="4 3"
              fill="transparent"
              isAnimationActive={false}
            />
          )}
          <Radar
            name={nowLabel}
            dataKey="now"
            stroke="var(--color-brand-600)"
            fill="var(--color-brand-500)"
            fillOpacity={0.3}
            isAnimationActive={false}
          />
          <Tooltip contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-border)", fontSize: 12 }} />
          {thenLabel && <Legend wrapperStyle={{ fontSize: 12 }} />}
        </RadarChart>
      </ResponsiveContainer>
    </div>
  );
}
