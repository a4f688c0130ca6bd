/**
 * Dates written in a declared `format:` (Python strptime directives, as FtM mappings use them, e.g.
 * `%d.%m.%Y`) → ISO 8601 prefixes whose precision follows the format, like FtM's prefixdate.
 */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

type Field = 'Y' | 'y' | 'm' | 'b' | 'B' | 'd' | 'H' | 'I' | 'M' | 'S' | 'f' | 'p' | 'j';

const PATTERNS: Record<Field, string> = {
  Y: '(\\d{4})',
  y: '(\\d{2})',
  m: '(\\d{1,2})',
  b: '([A-Za-z]{3})',
  B: '([A-Za-z]{3,9})',
  d: '(\\d{1,2})',
  H: '(\\d{1,2})',
  I: '(\\d{1,2})',
  M: '(\\d{1,2})',
  S: '(\\d{1,2})',
  f: '(\\d{1,6})',
  p: '(AM|PM|am|pm)',
  j: '(\\d{1,3})',
};

export interface DateFormat {
  readonly format: string;
  readonly re: RegExp;
  readonly fields: readonly Field[];
}

/**
 * Compiles a strptime format; throws a plain Error naming an unsupported directive (the mapping loader
 * turns it into a mapping error that says where).
 */
export function compileDateFormat(format: string): DateFormat {
  const fields: Field[] = [];
  let re = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      re += /\s/.test(c) ? '\\s+' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      continue;
    }
    const d = format[++i];
    if (d === '%') {
      re += '%';
      continue;
    }
    if (d === undefined || !(d in PATTERNS))
      throw new Error(`unsupported date format directive %${d ?? ''} in ${JSON.stringify(format)} (supported: %Y %y %m %b %B %d %j %H %I %M %S %f %p)`);
    fields.push(d as Field);
    re += PATTERNS[d as Field];
  }
  return { format, re: new RegExp(`^\\s*${re}\\s*$`), fields };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Parses `text` with the format and writes it as an ISO prefix as precise as the format: `%Y-%m`
 * gives `2021-02`, `%d.%m.%Y %H:%M` gives `2021-02-16T21:48`. Returns undefined when it does not fit.
 * @example parseDateFormat(compileDateFormat('%d.%m.%Y'), '16.02.2021') // '2021-02-16'
 */
export function parseDateFormat(f: DateFormat, text: string): string | undefined {
  const m = f.re.exec(text);
  if (!m) return undefined;
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  let hour: number | undefined;
  let minute: number | undefined;
  let second: number | undefined;
  let yday: number | undefined;
  let pm: boolean | undefined;
  f.fields.forEach((field, k) => {
    const v = m[k + 1]!;
    const n = Number(v);
    if (field === 'Y') year = n;
    else if (field === 'y')
      year = n < 69 ? 2000 + n : 1900 + n; // Python's pivot
    else if (field === 'm') month = n;
    else if (field === 'b' || field === 'B') month = monthOf(v, field === 'b');
    else if (field === 'd') day = n;
    else if (field === 'j') yday = n;
    else if (field === 'H' || field === 'I') hour = n;
    else if (field === 'M') minute = n;
    else if (field === 'S') second = n;
    else if (field === 'p') pm = v.toLowerCase() === 'pm';
  });
  if (year === undefined || Number.isNaN(month)) return undefined;
  if (pm !== undefined && hour !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (yday !== undefined && month === undefined) {
    const d = new Date(Date.UTC(year, 0, yday));
    if (d.getUTCFullYear() !== year) return undefined;
    month = d.getUTCMonth() + 1;
    day = d.getUTCDate();
  }
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined) {
    if (month === undefined) return undefined;
    if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  }
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return undefined;
  let out = String(year).padStart(4, '0');
  if (month === undefined) return out;
  out += `-${pad(month)}`;
  if (day === undefined) return out;
  out += `-${pad(day)}`;
  if (hour === undefined) return out;
  out += `T${pad(hour)}`;
  if (minute === undefined) return out;
  out += `:${pad(minute)}`;
  return second === undefined ? out : `${out}:${pad(second)}`;
}

function monthOf(name: string, abbreviated: boolean): number {
  const n = name.toLowerCase();
  const i = MONTHS.findIndex((m) => (abbreviated ? m.slice(0, 3) === n : m === n));
  return i === -1 ? Number.NaN : i + 1;
}
