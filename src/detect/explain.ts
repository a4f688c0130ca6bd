/** Plain-language pieces of explanations: exact money totals per currency, dates, counts. */
import { formatUnits, mulDiv } from '../money/amount.ts';
import { amountOf, type Ledger } from '../money/ledger.ts';

const displayDigits = new Map<string, number>();

function digitsFor(code: string, scale: number): number {
  let d = displayDigits.get(code);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? scale;
    } catch {
      d = scale;
    }
    d = /^[A-Z]{3}$/.test(code) && d <= scale ? d : scale;
    displayDigits.set(code, d);
  }
  return d;
}

/**
 * Ledger units as display money: "52,300.00 USD" (fiat rounded half-even to its minor unit), crypto exact.
 * @example money(l, 523000000n, 0) // '52,300.00 USD' when currency 0 is USD (scale 4)
 */
export function money(l: Ledger, units: bigint, currency: number): string {
  const c = l.currencies[currency]!;
  const d = digitsFor(c.code, c.scale);
  const shown = d < c.scale ? mulDiv(units, 1n, 10n ** BigInt(c.scale - d)) : units;
  const text = formatUnits(shown, d);
  const [int, frac = ''] = text.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${d > 0 ? `.${frac.padEnd(d, '0')}` : ''} ${c.code}`;
}

/** The exact total of some rows, one figure per currency: "52,300.00 USD + 0.5 BTC". */
export function total(l: Ledger, rows: Iterable<number>): string {
  const sums = new Map<number, bigint>();
  for (const r of rows) sums.set(l.currency[r]!, (sums.get(l.currency[r]!) ?? 0n) + amountOf(l, r));
  if (sums.size === 0) return '0';
  return [...sums].map(([c, u]) => money(l, u, c)).join(' + ');
}

/** A date (UTC) for explanations. */
export function day(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** "9 days", "1 day", "5 hours" for a duration in seconds. */
export function duration(seconds: number): string {
  const days = seconds / 86_400;
  if (days >= 1) {
    const n = Math.round(days * 10) / 10;
    return `${n} day${n === 1 ? '' : 's'}`;
  }
  const hours = Math.max(0, Math.round(seconds / 3600));
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

/** "about 0.003 such accounts would be expected by chance" from the score's E. */
export function chance(expected: number): string {
  const e = expected < 0.001 ? expected.toExponential(1) : expected < 10 ? expected.toPrecision(2) : Math.round(expected).toLocaleString('en-US');
  return `the background model expects ${e} such occurrences by chance in this ledger`;
}

/** The time window of some rows. */
export function windowOf(l: Ledger, rows: readonly number[]): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const r of rows) {
    const t = l.time[r]!;
    if (t < start) start = t;
    if (t > end) end = t;
  }
  return rows.length ? { start, end } : { start: 0, end: 0 };
}
