/**
 * Horizontal bars in HTML and CSS: no chart library, no script. Labels and figures are text that
 * wraps with the page (an SVG scaled to the column cut long lesson titles and wide figures off), the
 * chart is labelled for screen readers as one image, and every figure is also in the table next to it.
 */
export type Bar = { label: string; value: number | null; text: string };

export function BarChart({ title, bars, max = 1 }: { title: string; bars: Bar[]; max?: number }) {
  const summary = bars.map((bar) => `${bar.label}: ${bar.text}`).join("; ");
  return (
    <figure role="img" aria-label={`${title}. ${summary}`} className="max-w-3xl" data-testid="bar-chart">
      <div className="grid grid-cols-[minmax(7rem,14rem)_minmax(6rem,1fr)_auto] items-center gap-x-3 gap-y-2 text-sm text-slate-700 dark:text-slate-200">
        {bars.map((bar, index) => {
          const share = bar.value === null ? 0 : Math.max(0, Math.min(bar.value, max)) / max;
          return (
            <div key={`${index}-${bar.label}`} className="contents" data-testid="bar">
              <span className="break-words text-right" data-testid="bar-label">
                {bar.label}
              </span>
              <span className="block h-4 overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
                {bar.value === null ? null : (
                  <span
                    className="block h-full rounded bg-brand-600"
                    style={{ width: `${Math.max(share * 100, 0.5)}%` }}
                  />
                )}
              </span>
              <span className="whitespace-nowrap tabular-nums" data-testid="bar-text">
                {bar.text}
              </span>
            </div>
          );
        })}
      </div>
    </figure>
  );
}
