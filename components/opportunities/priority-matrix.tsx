"use client";

import { useRouter } from "next/navigation";
import { CartesianGrid, Cell, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import { fitColour } from "./labels";

export interface MatrixPoint {
  /** Not `ref`: recharts spreads each point onto its SVG shape, where `ref` is React's. */
  id: string;
  title: string;
  value: number;
  feasibility: number;
  marketSize: number;
  fit: number | null;
  priority: number;
  href: string;
}

interface Labels {
  value: string;
  feasibility: string;
  fit: string;
  priority: string;
  marketSize: string;
  chart: string;
}

function PointTooltip({ active, payload, labels }: { active?: boolean; payload?: { payload?: MatrixPoint }[]; labels: Labels }) {
  const p = active ? payload?.[0]?.payload : undefined;
  if (!p) return null;
  return (
    <div className="rounded-md border border-border bg-surface px-3 py-2 text-xs shadow-md">
      <div className="mb-1 font-medium text-fg">{p.title}</div>
      <div className="text-fg-muted">
        {labels.value} {Math.round(p.value)} · {labels.feasibility} {Math.round(p.feasibility)} · {labels.fit}{" "}
        {p.fit === null ? "—" : Math.round(p.fit)} · {labels.priority} {Math.round(p.priority)} · {labels.marketSize} {p.marketSize}/5
      </div>
    </div>
  );
}

/**
 * Value (up) against feasibility (right); bubble size is the market-size factor, colour is fit.
 * Clicking a bubble opens the opportunity. The table below carries the same data for keyboards
 * and screen readers.
 */
export function PriorityMatrix({ points, labels }: { points: MatrixPoint[]; labels: Labels }) {
  const router = useRouter();
  return (
    <div className="h-96 w-full" role="img" aria-label={labels.chart} data-testid="priority-matrix">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 10, right: 20, bottom: 30, left: 10 }}>
          <CartesianGrid stroke="var(--color-border)" />
          <XAxis
            type="number"
            dataKey="feasibility"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tick={{ fontSize: 11, fill: "var(--color-fg-muted)" }}
            label={{ value: labels.feasibility, position: "insideBottom", offset: -15, fontSize: 12, fill: "var(--color-fg-muted)" }}
          />
          <YAxis
            type="number"
            dataKey="value"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tick={{ fontSize: 11, fill: "var(--color-fg-muted)" }}
            label={{ value: labels.value, angle: -90, position: "insideLeft", fontSize: 12, fill: "var(--color-fg-muted)" }}
          />
          <ZAxis type="number" dataKey="marketSize" domain={[1, 5]} range={[60, 520]} />
          <Tooltip content={<PointTooltip labels={labels} />} cursor={{ strokeDasharray: "3 3" }} />
          <Scatter
            data={points}
            isAnimationActive={false}
            onClick={(p: { payload?: MatrixPoint }) => p.payload && router.push(p.payload.href)}
            className="cursor-pointer"
          >
            {points.map((p) => (
              <Cell key={p.id} fill={fitColour(p.fit)} fillOpacity={0.75} stroke={fitColour(p.fit)} />
            ))}
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
