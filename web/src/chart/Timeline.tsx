// The timeline: a histogram of the links' start dates; brushing (or the date fields) sets the chart's time window.
import { useMemo, useRef, useState, type PointerEvent } from 'react';
import { dayOf, histogram, isoDay, windowOfBins, type Histogram } from './timeline-bins.ts';
import { useChartHandles, useChartSnapshot } from './useChart.ts';

const W = 1000;
const H = 56;

function fmtBin(t: number, unit: Histogram['unit']): string {
  const d = isoDay(t);
  if (unit === 'year') return d.slice(0, 4);
  if (unit === 'month' || unit === 'quarter') return d.slice(0, 7);
  return d;
}

/** Below the chart; hidden when no link has a date. */
export function Timeline() {
  const { controller } = useChartHandles();
  const snap = useChartSnapshot();
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const g = controller.model.graph;

  const hist = useMemo(() => {
    const starts: (string | undefined)[] = [];
    g.forEachEdge((_, a, _s, _t, sa, ta) => {
      if (!sa.hidden && !ta.hidden) starts.push(a.start ?? a.end);
    });
    return histogram(starts);
    // Recount when the chart changes (the version), not on every render.
  }, [g, snap.version]);

  if (hist.dated === 0) return null;
  const n = hist.bins.length;
  const maxCount = Math.max(1, ...hist.bins.map((b) => b.count));
  const win = snap.window;
  const inWin = (t0: number, t1: number) => !win || (t1 > dayOf(win.from) && t0 <= dayOf(win.to));
  const binAt = (clientX: number) => {
    const r = svg.current!.getBoundingClientRect();
    return Math.max(0, Math.min(n - 1, Math.floor(((clientX - r.left) / r.width) * n)));
  };
  const onDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const i = binAt(e.clientX);
    setDrag({ a: i, b: i });
  };
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    if (drag) setDrag({ a: drag.a, b: binAt(e.clientX) });
  };
  const onUp = () => {
    if (!drag) return;
    controller.setWindow(windowOfBins(hist, drag.a, drag.b));
    setDrag(null);
  };
  const brush = drag ?? (win ? { a: hist.bins.findIndex((b) => b.t1 > dayOf(win.from)), b: hist.bins.findLastIndex((b) => b.t0 <= dayOf(win.to)) } : null);
  const bw = W / n;
  const datedIn = win ? snap.counts.links : hist.dated;
  return (
    <section className="chart-timeline" aria-label="Timeline of links">
      <div className="chart-timeline-head">
        <strong>Timeline</strong>
        <span className="muted">
          {hist.dated} dated link{hist.dated === 1 ? '' : 's'} by {hist.unit}
          {hist.undated ? ` · ${hist.undated} undated (always shown)` : ''}
        </span>
        <label>
          From{' '}
          <input
            type="date"
            value={win?.from ?? ''}
            min={isoDay(hist.min)}
            max={isoDay(hist.max)}
            onChange={(e) => e.target.value && controller.setWindow({ from: e.target.value, to: win?.to ?? isoDay(hist.max) })}
          />
        </label>
        <label>
          to{' '}
          <input
            type="date"
            value={win?.to ?? ''}
            min={isoDay(hist.min)}
            max={isoDay(hist.max)}
            onChange={(e) => e.target.value && controller.setWindow({ from: win?.from ?? isoDay(hist.min), to: e.target.value })}
          />
        </label>
        {win && (
          <>
            <span className="chart-window" role="status">
              Window {win.from} – {win.to} · {datedIn} link{datedIn === 1 ? '' : 's'} shown
            </span>
            <button type="button" onClick={() => controller.setWindow(null)}>
              Clear window
            </button>
          </>
        )}
      </div>
      <svg
        ref={svg}
        className="chart-histogram"
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Histogram of link start dates from ${fmtBin(hist.min, hist.unit)} to ${fmtBin(hist.max, hist.unit)}; drag to choose a time window`}
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={() => setDrag(null)}
      >
        {hist.bins.map((b, i) => {
          const h = (b.count / maxCount) * (H - 4);
          return (
            <rect key={b.t0} x={i * bw + 0.5} y={H - h} width={Math.max(0.5, bw - 1)} height={h} className={inWin(b.t0, b.t1) ? 'bar in' : 'bar out'}>
              <title>{`${fmtBin(b.t0, hist.unit)}: ${b.count}`}</title>
            </rect>
          );
        })}
        {brush && brush.a >= 0 && brush.b >= 0 && <rect className="brush" x={Math.min(brush.a, brush.b) * bw} y={0} width={(Math.abs(brush.b - brush.a) + 1) * bw} height={H} />}
      </svg>
      <div className="chart-timeline-axis" aria-hidden="true">
        <span>{fmtBin(hist.min, hist.unit)}</span>
        <span>{fmtBin(hist.bins[Math.floor(n / 2)].t0, hist.unit)}</span>
        <span>{fmtBin(hist.max, hist.unit)}</span>
      </div>
    </section>
  );
}
