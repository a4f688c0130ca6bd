// Partial dates for matching: the year, month and day a source wrote, whatever the notation, checked against the calendar.
import { cleanDate } from '../../model/types.ts';

/** A date with the precision the source gave: a year, a year and month, or a full day. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

// Day first, as written in Europe: 24.06.1971, 24/06/1971, 24-06-1971, 24. 6. 1971; also 06.1971 and 06/1971.
const DAY_FIRST = /^(?:(\d{1,2})\s*[./-]\s*)?(\d{1,2})\s*[./-]\s*(\d{4})$/;
// Year first with slashes, dots or unpadded ISO: 1971/06/24, 1971.06.24, 1971-6-4.
const YEAR_FIRST = /^(\d{4})[./-](\d{1,2})(?:[./-](\d{1,2}))?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Reads `1971`, `1971-06`, `1971-06-24`, ISO date-times (the date as written, not shifted to UTC), `24.06.1971`,
 * `24/06/1971` (day first), `1971/06/24` and `19710624`. Impossible dates (`1971-02-30`) and years outside
 * 1000–2999 give null, like the model's `cleanDate`, which handles the ISO forms.
 * @example parsePartialDate('24.06.1971') // { year: 1971, month: 6, day: 24 }
 * @example parsePartialDate('1971-06') // { year: 1971, month: 6 }
 */
export function parsePartialDate(raw: string): PartialDate | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const s = raw.normalize('NFKC').trim();
  if (s === '') return null;
  let m = COMPACT.exec(s);
  if (m) return build(m[1], m[2], m[3]);
  m = DAY_FIRST.exec(s);
  if (m) return build(m[3], m[2], m[1]);
  m = YEAR_FIRST.exec(s);
  if (m) return build(m[1], m[2], m[3]);
  const iso = cleanDate(s);
  if (!iso.ok) return null;
  const [y, mo, d] = iso.value.slice(0, 10).split('-');
  return build(y, mo, d);
}

function build(y: string, mo: string | undefined, d: string | undefined): PartialDate | null {
  const year = Number(y);
  if (year < 1000 || year > 2999) return null;
  if (mo === undefined) return { year };
  const month = Number(mo);
  if (month < 1 || month > 12) return null;
  if (d === undefined) return { year, month };
  const day = Number(d);
  // Day 0 of the next month is the last day of this one, leap years included.
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { year, month, day };
}

/**
 * The sortable, comparable key of a partial date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. A day without a month is ignored.
 * @example dateKey({ year: 1971, month: 6, day: 4 }) // '1971-06-04'
 */
export function dateKey(d: PartialDate): string {
  const year = String(d.year).padStart(4, '0');
  if (d.month === undefined) return year;
  const month = `${year}-${String(d.month).padStart(2, '0')}`;
  return d.day === undefined ? month : `${month}-${String(d.day).padStart(2, '0')}`;
}
