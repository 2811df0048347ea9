"use client";

import { useEffect, useRef, useState } from "react";
import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from "recharts";
import { ChartLegend } from "@/components/ui/chart-legend";

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
  width,
  middle,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  textAnchor?: string;
  width: number;
  /** The chart's vertical centre. */
  middle: number;
}) {
  const lines = wrap(String(payload?.value ?? ""), width);
  const cy = Number(y ?? 0);
  // Labels below the centre grow downwards, those above grow upwards, away from the chart.
  const shift = cy > middle ? 0 : -(lines.length - 1) * 12;
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

/** The chart's width, to fit the facet names on a phone instead of cutting them off. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** All facets on one radar; an earlier attempt, when given, is drawn underneath as an outline. */
export function FacetRadar({ data, nowLabel, thenLabel }: { data: RadarPoint[]; nowLabel: string; thenLabel?: string }) {
  const [ref, width] = useWidth();
  // Below 480 px fourteen names do not fit around the circle (they overlap or run past its
  // edges): the axes are numbered there, and the numbered names follow the chart.
  const narrow = width > 0 && width < 480;
  const chartData = narrow ? data.map((d, i) => ({ ...d, facet: String(i + 1), name: d.facet })) : data;
  return (
    <div ref={ref} className="w-full" data-testid="facet-radar">
      <div className={narrow ? "h-72" : "h-96"}>
        <ResponsiveContainer width="100%" height="100%">
          {/* accessibilityLayer off: it makes the chart an unnamed Tab stop; the table below gives the figures. */}
          <RadarChart data={chartData} outerRadius={narrow ? "72%" : "62%"} accessibilityLayer={false}>
            <PolarGrid stroke="var(--color-border)" />
            <PolarAngleAxis dataKey="facet" tick={(props: object) => <FacetTick {...props} width={16} middle={narrow ? 144 : 192} />} />
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
            <Tooltip
              contentStyle={{ background: "var(--color-surface)", border: "1px solid var(--color-border)", fontSize: 12 }}
              // On a phone the axis shows a number: the tooltip still names the facet.
              labelFormatter={(label, payload) => String(payload?.[0]?.payload?.name ?? label)}
            />
          </RadarChart>
        </ResponsiveContainer>
      </div>
      {narrow && (
        <ol className="mt-2 grid grid-cols-1 gap-x-4 gap-y-0.5 text-xs text-fg-muted min-[360px]:grid-cols-2" data-testid="facet-radar-key">
          {data.map((d, i) => (
            <li key={d.facet} className="flex gap-1.5">
              <span className="w-4 shrink-0 text-right tabular-nums">{i + 1}</span>
              <span>{d.facet}</span>
            </li>
          ))}
        </ol>
      )}
      {thenLabel && (
        <ChartLegend
          items={[
            { label: thenLabel, colour: "var(--color-fg-muted)", dashed: true },
            { label: nowLabel, colour: "var(--color-brand-600)" },
          ]}
        />
      )}
    </div>
  );
}
