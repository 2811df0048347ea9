"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { fitColour } from "./labels";
import {
  fitRange,
  fitShare,
  linear,
  placeLabels,
  SCORE_MID,
  shorten,
  textWidth,
  ticksFor,
  zoomedDomain,
  type Range,
} from "./matrix-layout";

export interface MatrixPoint {
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
  fitLegend: string;
  noFit: string;
  quickWins: string;
  bigBets: string;
  fillIns: string;
  moneyPits: string;
}

const HEIGHT = 384;
const MARGIN = { top: 12, right: 12, bottom: 36, left: 40 };
const FONT = 11;

/** Tracks an element's width so the chart is drawn at its real size (labels need pixel positions). */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry ? Math.floor(entry.contentRect.width) : 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

const colourFor = (fit: number | null, range: Range | null) => fitColour(fit === null || !range ? null : fitShare(fit, range) * 100);

/**
 * Value (up) against feasibility (right), zoomed to the data; bubble size is market size, colour is
 * fit scaled to the fits shown. Quadrants are named at 50, the middle of both scores. The table
 * beside it carries the same data for keyboards and screen readers, so the bubbles are not Tab stops;
 * `highlight` ties a bubble to its table row.
 */
export function PriorityMatrix({
  points,
  labels,
  highlight,
  onHighlight,
}: {
  points: MatrixPoint[];
  labels: Labels;
  highlight: string | null;
  onHighlight: (id: string | null) => void;
}) {
  const router = useRouter();
  const [box, width] = useWidth<HTMLDivElement>();
  const narrow = width < 500;
  const x = useMemo(() => {
    const domain = zoomedDomain(points.map((p) => p.feasibility));
    return {
      domain,
      scale: linear(domain, [MARGIN.left, Math.max(MARGIN.left + 1, width - MARGIN.right)]),
    };
  }, [points, width]);
  const y = useMemo(() => {
    const domain = zoomedDomain(points.map((p) => p.value));
    return {
      domain,
      scale: linear(domain, [HEIGHT - MARGIN.bottom, MARGIN.top]),
    };
  }, [points]);
  const fits = useMemo(() => fitRange(points.map((p) => p.fit)), [points]);
  const bubbles = useMemo(
    () =>
      [...points]
        .sort((a, b) => b.priority - a.priority)
        .map((p) => ({
          id: p.id,
          cx: x.scale(p.feasibility),
          cy: y.scale(p.value),
          r: (narrow ? 4 : 5) + (Math.max(1, Math.min(5, p.marketSize)) - 1) * (narrow ? 1.5 : 2),
          text: shorten(p.title, narrow ? 14 : 22),
        })),
    [points, x, y, narrow],
  );
  const placed = useMemo(() => {
    if (width === 0) return [];
    const plot = { x: MARGIN.left, y: MARGIN.top, w: width - MARGIN.left - MARGIN.right, h: HEIGHT - MARGIN.top - MARGIN.bottom };
    const right = width - MARGIN.right;
    const bottom = HEIGHT - MARGIN.bottom;
    const corner = (text: string, atRight: boolean, atBottom: boolean) => {
      const w = textWidth(text, FONT);
      return { x: atRight ? right - 4 - w : MARGIN.left + 4, y: atBottom ? bottom - 18 : MARGIN.top, w, h: FONT + 6 };
    };
    const quadrantNames = [
      corner(labels.bigBets, false, false),
      corner(labels.quickWins, true, false),
      corner(labels.moneyPits, false, true),
      corner(labels.fillIns, true, true),
    ];
    return placeLabels(bubbles, plot, FONT, quadrantNames);
  }, [bubbles, width, labels.bigBets, labels.quickWins, labels.moneyPits, labels.fillIns]);
  const byId = new Map(points.map((p) => [p.id, p]));
  const midX = x.scale(SCORE_MID);
  const midY = y.scale(SCORE_MID);
  const right = width - MARGIN.right;
  const bottom = HEIGHT - MARGIN.bottom;
  const quadrant = (text: string, qx: number, qy: number, anchor: "start" | "end") => (
    <text x={qx} y={qy} textAnchor={anchor} fontSize={FONT} fontWeight={600} fill="var(--color-fg-subtle)">
      {text}
    </text>
  );

  return (
    <div data-testid="priority-matrix">
      <div ref={box} className="w-full" style={{ height: HEIGHT }}>
        {width > 0 && (
          <svg width={width} height={HEIGHT} role="img" aria-label={labels.chart} className="overflow-visible">
            {/* High value, high feasibility: the top-right corner is where to start. */}
            <rect
              x={midX}
              y={MARGIN.top}
              width={Math.max(0, right - midX)}
              height={Math.max(0, midY - MARGIN.top)}
              fill="var(--color-brand-500)"
              opacity={0.06}
            />
            {ticksFor(x.domain).map((t) => (
              <g key={`x${t}`}>
                <line x1={x.scale(t)} x2={x.scale(t)} y1={MARGIN.top} y2={bottom} stroke="var(--color-border)" />
                <text x={x.scale(t)} y={bottom + 14} textAnchor="middle" fontSize={FONT} fill="var(--color-fg-muted)">
                  {t}
                </text>
              </g>
            ))}
            {ticksFor(y.domain).map((t) => (
              <g key={`y${t}`}>
                <line x1={MARGIN.left} x2={right} y1={y.scale(t)} y2={y.scale(t)} stroke="var(--color-border)" />
                <text x={MARGIN.left - 6} y={y.scale(t) + 4} textAnchor="end" fontSize={FONT} fill="var(--color-fg-muted)">
                  {t}
                </text>
              </g>
            ))}
            <line x1={midX} x2={midX} y1={MARGIN.top} y2={bottom} stroke="var(--color-fg-subtle)" strokeDasharray="4 3" />
            <line x1={MARGIN.left} x2={right} y1={midY} y2={midY} stroke="var(--color-fg-subtle)" strokeDasharray="4 3" />
            {quadrant(labels.bigBets, MARGIN.left + 4, MARGIN.top + 12, "start")}
            {quadrant(labels.quickWins, right - 4, MARGIN.top + 12, "end")}
            {quadrant(labels.moneyPits, MARGIN.left + 4, bottom - 6, "start")}
            {quadrant(labels.fillIns, right - 4, bottom - 6, "end")}
            <text x={(MARGIN.left + right) / 2} y={HEIGHT - 4} textAnchor="middle" fontSize={12} fill="var(--color-fg-muted)">
              {labels.feasibility} →
            </text>
            <text
              transform={`translate(12 ${(MARGIN.top + bottom) / 2}) rotate(-90)`}
              textAnchor="middle"
              fontSize={12}
              fill="var(--color-fg-muted)"
            >
              {labels.value} →
            </text>
            {[...bubbles].reverse().map((b) => {
              const p = byId.get(b.id)!;
              const dim = highlight !== null && highlight !== b.id;
              return (
                <circle
                  key={b.id}
                  data-testid="matrix-bubble"
                  data-id={b.id}
                  data-highlighted={highlight === b.id || undefined}
                  cx={b.cx}
                  cy={b.cy}
                  r={highlight === b.id ? b.r + 2 : b.r}
                  fill={colourFor(p.fit, fits)}
                  fillOpacity={dim ? 0.25 : 0.8}
                  stroke={highlight === b.id ? "var(--color-fg)" : colourFor(p.fit, fits)}
                  strokeWidth={highlight === b.id ? 2 : 1}
                  className="cursor-pointer"
                  onMouseEnter={() => onHighlight(b.id)}
                  onMouseLeave={() => onHighlight(null)}
                  onClick={() => router.push(p.href)}
                >
                  <title>
                    {`${p.title} — ${labels.value} ${Math.round(p.value)} · ${labels.feasibility} ${Math.round(p.feasibility)} · ${labels.fit} ${
                      p.fit === null ? "—" : Math.round(p.fit)
                    } · ${labels.priority} ${Math.round(p.priority)} · ${labels.marketSize} ${p.marketSize}/5`}
                  </title>
                </circle>
              );
            })}
            {placed.map((l) => (
              <text
                key={l.id}
                data-testid="matrix-label"
                x={l.x}
                y={l.y + FONT / 2 - 1}
                textAnchor={l.anchor}
                fontSize={FONT}
                fontWeight={highlight === l.id ? 700 : 400}
                fill="var(--color-fg)"
                opacity={highlight !== null && highlight !== l.id ? 0.35 : 1}
                className="pointer-events-none"
              >
                {l.text}
              </text>
            ))}
          </svg>
        )}
      </div>
      <FitLegend range={fits} labels={labels} />
    </div>
  );
}

/** The fit colour scale as drawn: a gradient over the range of fits shown, plus the "no fit" grey. */
function FitLegend({ range, labels }: { range: Range | null; labels: Labels }) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-fg-muted" data-testid="fit-legend">
      <span>{labels.fitLegend}</span>
      {range && (
        <span className="inline-flex items-center gap-1">
          <span className="tabular-nums">{range[0]}</span>
          <span
            aria-hidden
            className="h-3 w-24 rounded-full"
            style={{
              background: `linear-gradient(to right, ${[0, 25, 50, 75, 100].map((s) => fitColour(s)).join(", ")})`,
            }}
          />
          <span className="tabular-nums">{range[1]}</span>
        </span>
      )}
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="size-3 rounded-full" style={{ background: fitColour(null) }} />
        {labels.noFit}
      </span>
    </div>
  );
}
