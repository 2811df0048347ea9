/**
 * A chart's legend as plain text with a swatch per series. Recharts' own legend names each swatch
 * "<series> legend icon" (in English, whatever the page's language); this one has no hidden words.
 */
export function ChartLegend({ items }: { items: { label: string; colour: string; dashed?: boolean }[] }) {
  return (
    <ul className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-fg-muted">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <svg width="18" height="6" aria-hidden>
            <line x1="0" y1="3" x2="18" y2="3" stroke={item.colour} strokeWidth="2.5" strokeDasharray={item.dashed ? "4 3" : undefined} />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
