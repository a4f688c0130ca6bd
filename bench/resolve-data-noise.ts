/** The errors records pick up on their way into a register: typing and OCR mistakes, date slips, e-mail and phone spellings. */
import type { Rng } from '../src/demo/rng.ts';
import type { Phone } from './resolve-data-places.ts';

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'йцукенгшщзхї', 'фівапролджє', 'ячсмитьбю'];

/** Keys next to each key on QWERTY and Ukrainian ЙЦУКЕН keyboards (same row and the rows above and below). */
const NEIGHBOURS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (let r = 0; r < ROWS.length; r++) {
    const block = Math.floor(r / 3) * 3;
    for (let i = 0; i < ROWS[r]!.length; i++) {
      let near = (ROWS[r]![i - 1] ?? '') + (ROWS[r]![i + 1] ?? '');
      // Rows are staggered: above a key sit the keys at i and i+1, below it those at i-1 and i.
      if (r - 1 >= block) near += ROWS[r - 1]!.slice(i, i + 2);
      if (r + 1 < block + 3) near += ROWS[r + 1]!.slice(Math.max(0, i - 1), i + 1);
      m.set(ROWS[r]![i]!, near);
    }
  }
  return m;
})();

function neighbourOf(ch: string, rng: Rng): string | undefined {
  const lower = ch.toLowerCase();
  const near = NEIGHBOURS.get(lower);
  if (!near) return undefined;
  const n = rng.pick([...near]);
  return ch === lower ? n : n.toUpperCase();
}

/**
 * One typing error, as people make them copying a name by hand: a neighbouring key pressed as well
 * (insertion), a letter dropped, a neighbouring key instead (substitution), or two letters swapped.
 * The first letter is left alone: people rarely get it wrong, and blocking on it is common.
 * @example typo(rng, 'Schneider') // 'Schnieder', 'Schneidrr', 'Schnider', …
 */
export function typo(rng: Rng, text: string): string {
  const chars = [...text];
  if (chars.length < 3) return text;
  const i = rng.int(1, chars.length - 1);
  const kind = rng.int(0, 3);
  const near = neighbourOf(chars[i]!, rng);
  if (kind === 0 && near) chars.splice(i, 0, near);
  else if (kind === 2 && near) chars[i] = near;
  else if (kind === 3 && i < chars.length - 1) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  else chars.splice(i, 1);
  return chars.join('');
}

/** Shapes OCR confuses on scanned forms and ID cards. */
const OCR_CONFUSIONS: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['m', 'rn'],
  ['cl', 'd'],
  ['d', 'cl'],
  ['li', 'h'],
  ['w', 'vv'],
  ['l', 'I'],
  ['I', 'l'],
  ['O', '0'],
  ['o', '0'],
  ['e', 'c'],
  ['c', 'e'],
  ['i', 'í'],
  ['S', '5'],
  ['B', '8'],
];

/** One OCR confusion where the text offers one (`Martin` → `Martm`, `Olga` → `0lga`); otherwise the text unchanged. */
export function ocr(rng: Rng, text: string): string {
  const start = rng.int(0, OCR_CONFUSIONS.length - 1);
  for (let k = 0; k < OCR_CONFUSIONS.length; k++) {
    const [from, to] = OCR_CONFUSIONS[(start + k) % OCR_CONFUSIONS.length]!;
    const at = text.indexOf(from);
    if (at >= 0) return text.slice(0, at) + to + text.slice(at + from.length);
  }
  return text;
}

const isValidDate = (y: number, m: number, d: number): boolean =>
  m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate() && y >= 1900 && y <= 2025;
const iso = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export type DateError = 'swap' | 'digit' | 'year';

/**
 * A birth date as a clerk gets it wrong: day and month exchanged (US-style reading; only when the
 * result is a real date, since forms reject the rest), one digit mistyped (again only to a real date),
 * or only the year known. Returns the date unchanged when the error is impossible (`swap` of 1990-05-05).
 * @example dateError(rng, '1987-03-11', 'swap') // '1987-11-03'
 */
export function dateError(rng: Rng, date: string, kind: DateError): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (kind === 'year') return date.slice(0, 4);
  if (kind === 'swap') return d !== m && isValidDate(y, d, m) ? iso(y, d, m) : date;
  // Positions of the digits in YYYY-MM-DD, the first two of the year excluded (1987 does not become 2987).
  const positions = [2, 3, 5, 6, 8, 9];
  for (let attempt = 0; attempt < 8; attempt++) {
    const p = rng.pick(positions);
    const digit = String((Number(date[p]) + rng.int(1, 9)) % 10);
    const out = date.slice(0, p) + digit + date.slice(p + 1);
    if (isValidDate(Number(out.slice(0, 4)), Number(out.slice(5, 7)), Number(out.slice(8, 10)))) return out;
  }
  return date;
}

export type EmailVariant = 'case' | 'gmail' | 'typo';

/**
 * The same mailbox written differently: capitalised as the person typed it, Gmail's ignored dots and
 * `+tags` (both reach the same inbox), or one typing error in the local part.
 * @example emailVariant(rng, 'anna.rossi@gmail.com', 'gmail') // 'annarossi@gmail.com' or 'anna.rossi+shop@gmail.com'
 */
export function emailVariant(rng: Rng, email: string, kind: EmailVariant): string {
  const at = email.indexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (kind === 'case') {
    const cap = local.replace(/(^|[._])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
    return `${cap}@${rng.chance(0.3) ? domain[0]!.toUpperCase() + domain.slice(1) : domain}`;
  }
  if (kind === 'gmail' && domain === 'gmail.com') {
    if (local.includes('.') && rng.chance(0.5)) return `${local.replace(/\./g, '')}@${domain}`;
    if (rng.chance(0.5) && local.length > 3) {
      const cut = rng.int(1, local.length - 1);
      if (local[cut - 1] !== '.' && local[cut] !== '.') return `${local.slice(0, cut)}.${local.slice(cut)}@${domain}`;
    }
    return `${local}+${rng.pick(['shop', 'news', 'work', 'ebay', 'bank', 'x'])}@${domain}`;
  }
  const typed = typo(rng, local).replace(/[^a-z0-9._-]/gi, '');
  return `${typed.length > 0 ? typed : local}@${domain}`;
}

export type PhoneStyle = 'international' | 'e164' | 'double-zero' | 'national';

/** Groups digits for display: `1511234567` → `151 1234567`, as most people write a mobile number. */
function grouped(nsn: string): string {
  const head = nsn.length >= 9 ? 3 : 2;
  return `${nsn.slice(0, head)} ${nsn.slice(head)}`;
}

/**
 * A mobile number as written on a form: `+49 151 1234567`, `+491511234567`, `0049 151 1234567`, or
 * nationally with the trunk prefix (`0151 1234567`; Italian and Polish numbers have none, Russian `8`).
 */
export function formatPhone(p: Phone, style: PhoneStyle): string {
  if (style === 'e164') return `+${p.cc}${p.nsn}`;
  if (style === 'double-zero') return `00${p.cc} ${grouped(p.nsn)}`;
  if (style === 'national') return `${p.trunk}${grouped(p.nsn)}`;
  return `+${p.cc} ${grouped(p.nsn)}`;
}

const LOOK_ALIKE: Readonly<Record<string, string>> = { '0': 'O', O: '0', '1': 'I', I: '1', '5': 'S', S: '5', '8': 'B', B: '8', '2': 'Z', Z: '2' };

/** One mistake in a document number: a look-alike character, a wrong digit, or two characters swapped. */
export function idTypo(rng: Rng, id: string): string {
  const chars = [...id];
  const i = rng.int(0, chars.length - 2);
  const kind = rng.int(0, 2);
  const ch = chars[i]!;
  if (kind === 0 && LOOK_ALIKE[ch]) chars[i] = LOOK_ALIKE[ch]!;
  else if (kind === 1 && /\d/.test(ch)) chars[i] = String((Number(ch) + rng.int(1, 9)) % 10);
  else if (chars[i + 1] !== ' ' && ch !== ' ') [chars[i], chars[i + 1]] = [chars[i + 1]!, ch];
  else chars[i] = ch === ' ' ? ch : String(rng.int(0, 9));
  return chars.join('');
}
