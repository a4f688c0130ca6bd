/** Realistic identifiers for the demo world: IBANs with valid check digits, valid mobile numbers. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Rng } from './rng.ts';

export interface Bank {
  code: string;
  bic: string;
  name: string;
}

/** Real bank codes and BICs (fictitious account numbers), so BIC and bank-name columns look right. */
export const BANKS: Record<string, readonly Bank[]> = {
  DE: [
    { code: '10010010', bic: 'PBNKDEFF', name: 'Postbank' },
    { code: '50010517', bic: 'INGDDEFF', name: 'ING-DiBa' },
    { code: '10070000', bic: 'DEUTDEBB', name: 'Deutsche Bank' },
    { code: '37040044', bic: 'COBADEFF', name: 'Commerzbank' },
    { code: '70150000', bic: 'SSKMDEMM', name: 'Stadtsparkasse München' },
    { code: '10011001', bic: 'NTSBDEB1', name: 'N26 Bank' },
  ],
  NL: [
    { code: 'ABNA', bic: 'ABNANL2A', name: 'ABN AMRO' },
    { code: 'INGB', bic: 'INGBNL2A', name: 'ING Bank' },
    { code: 'RABO', bic: 'RABONL2U', name: 'Rabobank' },
    { code: 'BUNQ', bic: 'BUNQNL2A', name: 'bunq' },
    { code: 'KNAB', bic: 'KNABNL2H', name: 'Knab' },
    { code: 'SNSB', bic: 'SNSBNL2A', name: 'SNS' },
  ],
  IT: [
    { code: '03069', bic: 'BCITITMM', name: 'Intesa Sanpaolo' },
    { code: '02008', bic: 'UNCRITMM', name: 'UniCredit' },
    { code: '05034', bic: 'BAPPIT22', name: 'Banco BPM' },
  ],
  RO: [
    { code: 'BTRL', bic: 'BTRLRO22', name: 'Banca Transilvania' },
    { code: 'RNCB', bic: 'RNCBROBU', name: 'BCR' },
    { code: 'BRDE', bic: 'BRDEROBU', name: 'BRD' },
  ],
  LT: [
    { code: '73000', bic: 'HABALT22', name: 'Swedbank' },
    { code: '70440', bic: 'CBVILT2X', name: 'SEB bankas' },
    { code: '32500', bic: 'REVOLT21', name: 'Revolut Bank UAB' },
  ],
  AT: [
    { code: '20111', bic: 'GIBAATWW', name: 'Erste Bank' },
    { code: '12000', bic: 'BKAUATWW', name: 'UniCredit Bank Austria' },
  ],
};

/** ISO 7064 mod 97-10 over an IBAN's numeric form, computed digit by digit (no big integers). */
function mod97(text: string): number {
  let r = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 ? String(code - 55) : ch;
    for (const d of v) r = (r * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return r;
}

/** The two IBAN check digits for a country and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
}

const CIN_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** The Italian national check character (CIN) over ABI + CAB + account number. */
export function italianCin(s: string): string {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c >= 65 ? c - 65 : c - 48;
    sum += i % 2 === 0 ? CIN_ODD[v]! : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** A Dutch account number that passes the traditional 11-test (elfproef) most Dutch banks still honour. */
function dutchAccount(rng: Rng): string {
  for (;;) {
    const s = `0${rng.int(1, 9)}${rng.digits(8)}`;
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += Number(s[i]) * (10 - i);
    if (sum % 11 === 0) return s;
  }
}

export interface GeneratedIban {
  iban: string;
  bic: string;
  bankName: string;
  country: string;
}

/**
 * A valid IBAN (correct length, national format and mod-97 check digits) at a real bank of `country`.
 * @example makeIban(rng, 'NL') // { iban: 'NL02ABNA0123456789', bic: 'ABNANL2A', … }
 */
export function makeIban(rng: Rng, country: string, bank?: Bank): GeneratedIban {
  const cc = country.toUpperCase();
  const banks = BANKS[cc];
  if (!banks) throw new RangeError(`no banks for ${cc}`);
  const b = bank ?? rng.pick(banks);
  let bban: string;
  switch (cc) {
    case 'DE':
      bban = `${b.code}${rng.digits(10)}`;
      break;
    case 'NL':
      bban = `${b.code}${dutchAccount(rng)}`;
      break;
    case 'IT': {
      const rest = `${b.code}${rng.digits(5)}${rng.digits(12)}`;
      bban = `${italianCin(rest)}${rest}`;
      break;
    }
    case 'RO':
      bban = `${b.code}${rng.chars(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}${rng.digits(12)}`;
      break;
    case 'LT':
      bban = `${b.code}${rng.digits(11)}`;
      break;
    case 'AT':
      bban = `${b.code}${rng.digits(11)}`;
      break;
    default:
      throw new RangeError(`no IBAN format for ${cc}`);
  }
  return { iban: `${cc}${ibanCheckDigits(cc, bban)}${bban}`, bic: b.bic, bankName: b.name, country: cc.toLowerCase() };
}

/** Mobile prefixes (with the number of random digits after them) that libphonenumber accepts as valid. */
const MOBILE: Record<string, readonly (readonly [string, number])[]> = {
  NL: [
    ['+3161', 7],
    ['+3162', 7],
    ['+3163', 7],
    ['+3164', 7],
    ['+3165', 7],
  ],
  DE: [
    ['+49151', 8],
    ['+49152', 8],
    ['+49160', 7],
    ['+49170', 7],
    ['+49176', 8],
    ['+49157', 8],
  ],
  IT: [
    ['+39320', 7],
    ['+39333', 7],
    ['+39347', 7],
    ['+39348', 7],
    ['+39380', 7],
  ],
  RO: [
    ['+40722', 6],
    ['+40744', 6],
    ['+40755', 6],
    ['+40766', 6],
  ],
  UA: [
    ['+38050', 7],
    ['+38067', 7],
    ['+38093', 7],
    ['+38097', 7],
  ],
  LT: [['+3706', 7]],
  AT: [
    ['+43664', 7],
    ['+43676', 7],
    ['+43699', 8],
  ],
  TR: [
    ['+90532', 7],
    ['+90542', 7],
    ['+90555', 7],
  ],
  RS: [
    ['+38163', 7],
    ['+38164', 7],
    ['+38165', 7],
  ],
  GB: [
    ['+447911', 6],
    ['+447700', 6],
    ['+447458', 6],
  ],
  AE: [
    ['+97150', 7],
    ['+97155', 7],
  ],
  IQ: [
    ['+964750', 7],
    ['+964770', 7],
  ],
  SY: [
    ['+96393', 7],
    ['+96394', 7],
  ],
  AF: [
    ['+9370', 7],
    ['+9379', 7],
  ],
  GE: [
    ['+995555', 6],
    ['+995599', 6],
  ],
  SE: [
    ['+4670', 7],
    ['+4673', 7],
  ],
};

/** A valid mobile number of `country` in E.164 (checked with libphonenumber's full metadata). */
export function makePhone(rng: Rng, country: string): string {
  const prefixes = MOBILE[country.toUpperCase()];
  if (!prefixes) throw new RangeError(`no mobile prefixes for ${country}`);
  for (let i = 0; i < 100; i++) {
    const [prefix, n] = rng.pick(prefixes);
    const candidate = `${prefix}${rng.digits(n)}`;
    if (parsePhoneNumberFromString(candidate)?.isValid()) return candidate;
  }
  throw new RangeError(`could not make a valid phone number for ${country}`);
}

/** The country (ISO alpha-2, upper case) of an E.164 number. */
export function phoneCountry(e164: string): string {
  return parsePhoneNumberFromString(e164)?.country ?? '';
}

export type PhoneStyle = 'e164' | 'international' | 'national' | 'zeros';

/**
 * Writes an E.164 number the way a source might: `+31612345678`, `+31 6 12345678`, `06 12345678`
 * (national: only meaningful with the file's default country) or `0031612345678`.
 */
export function formatPhone(e164: string, style: PhoneStyle): string {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return e164;
  switch (style) {
    case 'e164':
      return p.number;
    case 'international':
      return p.formatInternational();
    case 'national':
      return p.formatNational();
    case 'zeros':
      return `00${p.number.slice(1)}`;
  }
}
