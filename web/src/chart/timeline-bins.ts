/**
 * The timeline's arithmetic: which links a time window keeps, and the histogram of the links' start
 * dates in calendar-aligned bins (days, months, quarters or years, whichever gives a readable count).
 */
import type { TimeWindow } from './types.ts';

const DAY = 86_400_000;

/** Milliseconds of an ISO date or date-time's day (partial dates like `2019` or `2019-03` count as their first day). */
export function dayOf(iso: string): number {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
}

/** yyyy-mm-dd of a UTC millisecond time. */
export function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * True when the link holds at some time inside the window: its [start, end] (end defaults to start)
 * overlaps [from, to]. Undated links are kept — the window says nothing about them — as the API does.
 * @example edgeInWindow({ start: '2020-05-01' }, { from: '2020-01-01', to: '2020-12-31' }) === true
 */
export function edgeInWindow(edge: { start?: string; end?: string }, window: TimeWindow): boolean {
  if (!edge.start && !edge.end) return true;
  const s = dayOf(edge.start ?? edge.end ?? '');
  const e = edge.end ? dayOf(edge.end) : s;
  return e >= dayOf(window.from) && s <= dayOf(window.to);
}

export type BinUnit = 'day' | 'month' | 'quarter' | 'year';

export interface Bin {
  /** First day of the bin (UTC ms) and first day after it. */
  t0: number;
  t1: number;
  count: number;
}

export interface Histogram {
  unit: BinUnit;
  bins: Bin[];
  min: number;
  max: number;
  dated: number;
  undated: number;
}

function floorTo(t: number, unit: BinUnit): number {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (unit === 'day') return Date.UTC(y, m, d.getUTCDate());
  if (unit === 'month') return Date.UTC(y, m, 1);
  if (unit === 'quarter') return Date.UTC(y, m - (m % 3), 1);
  return Date.UTC(y, 0, 1);
}

function next(t: number, unit: BinUnit): number {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (unit === 'day') return t + DAY;
  if (unit === 'month') return Date.UTC(y, m + 1, 1);
  if (unit === 'quarter') return Date.UTC(y, m + 3, 1);
  return Date.UTC(y + 1, 0, 1);
}

/**
 * Bins the start dates: the finest unit giving at most `maxBins` bins over the dates' span.
 * @example histogram(['2020-01-05', '2020-03-01', undefined]).bins.map((b) => b.count) // [1, 0, 1] by month
 */
export function histogram(starts: (string | undefined)[], maxBins = 60): Histogram {
  const times: number[] = [];
  let undated = 0;
  for (const s of starts) {
    const t = s ? dayOf(s) : Number.NaN;
    if (Number.isFinite(t)) times.push(t);
    else undated++;
  }
  if (times.length === 0) return { unit: 'month', bins: [], min: Number.NaN, max: Number.NaN, dated: 0, undated };
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const units: BinUnit[] = ['day', 'month', 'quarter', 'year'];
  let unit: BinUnit = 'year';
  for (const u of units) {
    let n = 0;
    for (let t = floorTo(min, u); t <= max && n <= maxBins; t = next(t, u)) n++;
    if (n <= maxBins) {
      unit = u;
      break;
    }
  }
  const bins: Bin[] = [];
  for (let t = floorTo(min, unit); t <= max; t = next(t, unit)) bins.push({ t0: t, t1: next(t, unit), count: 0 });
  for (const t of times) {
    // Bins are few (≤ maxBins): a binary search keeps 20,000 links cheap.
    let lo = 0;
    let hi = bins.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bins[mid].t0 <= t) lo = mid;
      else hi = mid - 1;
    }
    bins[lo].count++;
  }
  return { unit, bins, min, max, dated: times.length, undated };
}

/** The window covering bins i..j (inclusive), as ISO days: from the first bin's first day to the last bin's last day. */
export function windowOfBins(h: Histogram, i: number, j: number): TimeWindow | null {
  if (h.bins.length === 0) return null;
  const a = Math.max(0, Math.min(i, j));
  const b = Math.min(h.bins.length - 1, Math.max(i, j));
  return { from: isoDay(h.bins[a].t0), to: isoDay(h.bins[b].t1 - DAY) };
}
