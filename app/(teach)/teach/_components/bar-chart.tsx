/**
 * Horizontal bars as server-rendered SVG: no chart library, no script. The SVG is labelled for
 * screen readers and every figure is also in the table next to it.
 */
export type Bar = { label: string; value: number | null; text: string };

export function BarChart({ title, bars, max = 1 }: { title: string; bars: Bar[]; max?: number }) {
  const rowHeight = 28;
  const labelWidth = 220;
  const barWidth = 300;
  const height = bars.length * rowHeight + 8;
  const summary = bars.map((bar) => `${bar.label}: ${bar.text}`).join("; ");
  return (
    <svg
      role="img"
      aria-label={`${title}. ${summary}`}
      viewBox={`0 0 ${labelWidth + barWidth + 70} ${height}`}
      className="w-full max-w-2xl text-slate-700 dark:text-slate-200"
    >
      <title>{title}</title>
      {bars.map((bar, index) => {
        const y = index * rowHeight + 4;
        const width = bar.value === null ? 0 : Math.max(1, (Math.min(bar.value, max) / max) * barWidth);
        return (
          <g key={bar.label}>
            <text x={labelWidth - 8} y={y + 17} textAnchor="end" fontSize="12" fill="currentColor">
              {bar.label.length > 32 ? `${bar.label.slice(0, 31)}…` : bar.label}
            </text>
            <rect x={labelWidth} y={y + 4} width={barWidth} height={18} rx="3" className="fill-slate-200 dark:fill-slate-800" />
            {bar.value === null ? null : <rect x={labelWidth} y={y + 4} width={width} height={18} rx="3" className="fill-brand-600" />}
            <text x={labelWidth + barWidth + 6} y={y + 17} fontSize="12" fill="currentColor">
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
