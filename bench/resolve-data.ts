/** Generates the entity-resolution benchmark's input: a CSV of synthetic person records, duplicated and corrupted, with the true person per record. */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ValidationError } from '../src/errors.ts';
import { Rng } from '../src/demo/rng.ts';
import type { TranslitSystem } from '../src/demo/translit.ts';
import { buildNamePools, NICKNAMES, ZipfPool } from './resolve-data-names.ts';
import { dateError, emailVariant, formatPhone, idTypo, ocr, typo, type PhoneStyle } from './resolve-data-noise.ts';
import { foldLetters, Population, romanise, type TruePerson } from './resolve-data-person.ts';

// Records per person. Registers hold most people once; a few (frequent travellers, offenders) very often.
/** Zipf exponent of the records-per-person count: ~73 % of people once, ~14 % twice, ~5 % three times, mean ≈ 1.71. */
export const RECORDS_ZIPF_A = 2.4;
/** The most records one person gets (a prolific offender across many registers). */
export const MAX_RECORDS_PER_PERSON = 20;

// Missing values, per record: registers ask for different things and people leave fields out.
/** No date of birth: hotel registers, witness statements and many commercial sources do not record it. */
export const DOB_MISSING_RATE = 0.15;
/** No city: the address was not taken, or only a country. */
export const CITY_MISSING_RATE = 0.2;
/** No postcode: recorded less often than the city (foreign addresses, free-text forms). */
export const POSTCODE_MISSING_RATE = 0.3;
/** No e-mail: older sources and official forms rarely have one. */
export const EMAIL_MISSING_RATE = 0.3;
/** No phone number. */
export const PHONE_MISSING_RATE = 0.25;
/** No full-name field (the source has only separate name fields); the mapping then joins first and last name. */
export const FULL_NAME_MISSING_RATE = 0.4;
/** An identity-document number is present: only sources that saw a document (border, police, banks) have one. */
export const ID_PRESENT_RATE = 0.3;

// Names.
/** A typing error in a name field (each of first name and surname independently), as in manual data entry. */
export const NAME_TYPO_RATE = 0.06;
/** An OCR confusion in a name field (rn/m, l/I, O/0), from scanned forms and ID cards. */
export const OCR_RATE = 0.02;
/** Diacritics dropped or spelled out (`Müller` → `Muller`/`Mueller`, `Yılmaz` → `Yilmaz`): systems without the character set. */
export const DIACRITIC_FOLD_RATE = 0.15;
/** Surname in capitals, the way passports and many police systems write it. */
export const SURNAME_UPPER_RATE = 0.08;
/** A nickname or short form instead of the given name (`Bob`, `Sasha`, `Hans`), where the name has one. */
export const NICKNAME_RATE = 0.1;
/** Another accepted form of the name (Arabic romanisation `Muhammad`; the Russian form of a Ukrainian given name), where there is one. */
export const NAME_ALT_RATE = 0.25;
/** First name and surname entered in each other's fields (name-order confusion across cultures). */
export const SWAP_NAMES_RATE = 0.03;
/** A present full name written `SURNAME, First`, the register style of many official lists. */
export const FULL_NAME_COMMA_RATE = 0.15;
/** A present full name written surname first without a comma (`Shevchenko Oleksandr`). */
export const FULL_NAME_REVERSED_RATE = 0.05;
/**
 * How Cyrillic names reach a record: the Ukrainian passport (KMU 2010) or BGN/PCGN romanisation, German
 * authorities' own transcription, or the Cyrillic script as-is (documents copied by native speakers).
 */
export const CYRILLIC_RENDERING: Record<'ua' | 'ru', readonly (readonly [TranslitSystem | 'cyrillic', number])[]> = {
  ua: [
    ['kmu', 50],
    ['de', 20],
    ['bgn', 15],
    ['cyrillic', 15],
  ],
  ru: [
    ['bgn', 55],
    ['de', 20],
    ['kmu', 10],
    ['cyrillic', 15],
  ],
};

// Dates, places and contact details.
/** Day and month exchanged (read in the other convention), where that gives a real date. */
export const DOB_SWAP_RATE = 0.02;
/** One digit of the date of birth mistyped. */
export const DOB_DIGIT_RATE = 0.02;
/** Only the year of birth known. */
export const DOB_YEAR_ONLY_RATE = 0.03;
/** The person's other address (before or after a move, in their country of residence), the same one in all such records. */
export const MOVED_RATE = 0.05;
/** The city under another name (exonym, or without diacritics: `Munich`, `Muenchen`). */
export const CITY_VARIANT_RATE = 0.08;
/** A typing error in the city. */
export const CITY_TYPO_RATE = 0.03;
/** A wrong character in the postcode. */
export const POSTCODE_TYPO_RATE = 0.02;
/** The person's second e-mail address (a new provider, a second mailbox), the same one in all such records. */
export const EMAIL_OTHER_RATE = 0.1;
/** The address written with capitals (`Anna.Rossi@Gmail.com`). */
export const EMAIL_CASE_RATE = 0.05;
/** Of Gmail addresses: dots dropped or added, or a `+tag`, all delivered to the same inbox. */
export const GMAIL_VARIANT_RATE = 0.3;
/** A typing error in the e-mail address. */
export const EMAIL_TYPO_RATE = 0.02;
/** The person's second phone number (a new SIM, a work phone), the same one in all such records. */
export const PHONE_OTHER_RATE = 0.08;
/** How a number is written: internationally spaced or compact, with 00, or nationally with the trunk prefix. */
export const PHONE_STYLES: readonly (readonly [PhoneStyle, number])[] = [
  ['international', 40],
  ['e164', 15],
  ['double-zero', 10],
  ['national', 35],
];
/** A wrong or swapped character in a present document number. */
export const ID_TYPO_RATE = 0.05;

/** The CSV columns; `cluster` is the ground truth (one value per person) and must never reach the resolver. */
export const COLUMNS = ['unique_id', 'first_name', 'surname', 'full_name', 'dob', 'city', 'postcode', 'email', 'phone', 'id_number', 'cluster'] as const;

export interface SynthOptions {
  /** Number of records (not people). */
  n: number;
  /** Default 42. */
  seed?: number;
  outFile: string;
}

export interface SynthSummary {
  records: number;
  people: number;
  /** Pairs of records of the same person: Σ k(k−1)/2 over people with k records. */
  duplicatePairs: number;
  file: string;
  /** Where the truth is: the `cluster` column of `file` itself (no separate file is written). */
  truthFile: string;
  ms: number;
}

/** Records per person until `n` records are reached (the last person may get fewer than drawn). */
function recordCounts(n: number, rng: Rng): Uint8Array {
  const pool = new ZipfPool(
    Array.from({ length: MAX_RECORDS_PER_PERSON }, (_, i) => String(i + 1)),
    RECORDS_ZIPF_A,
  );
  const counts = new Uint8Array(n);
  let people = 0;
  for (let left = n; left > 0; people++) {
    const k = Math.min(left, pool.index(rng.next()) + 1);
    counts[people] = k;
    left -= k;
  }
  return counts.subarray(0, people);
}

/** The person of each output row, in a random order so that no two records of a person are adjacent by construction. */
function rowOwners(counts: Uint8Array, n: number, rng: Rng): Int32Array {
  const owners = new Int32Array(n);
  let at = 0;
  for (let p = 0; p < counts.length; p++) for (let k = 0; k < counts[p]!; k++) owners[at++] = p;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = owners[i]!;
    owners[i] = owners[j]!;
    owners[j] = t;
  }
  return owners;
}

function renderNames(t: TruePerson, r: Rng): { first: string; last: string; full: string } {
  let first = t.firstAlts.length > 0 && r.chance(NAME_ALT_RATE) ? r.pick(t.firstAlts) : t.first;
  let last = t.lastAlts.length > 0 && r.chance(NAME_ALT_RATE) ? r.pick(t.lastAlts) : t.last;
  const nick = NICKNAMES[first];
  if (nick && r.chance(NICKNAME_RATE)) first = r.pick(nick);
  if (t.cyrillic) {
    const system = r.weighted(CYRILLIC_RENDERING[t.culture as 'ua' | 'ru']);
    if (system !== 'cyrillic') {
      first = romanise(first, system, t.culture === 'ru');
      last = romanise(last, system, t.culture === 'ru');
    }
  } else if (r.chance(DIACRITIC_FOLD_RATE)) {
    const german = t.culture === 'de' && r.chance(0.5);
    first = foldLetters(first, german);
    last = foldLetters(last, german);
  }
  if (r.chance(NAME_TYPO_RATE)) first = typo(r, first);
  if (r.chance(NAME_TYPO_RATE)) last = typo(r, last);
  if (r.chance(OCR_RATE)) first = ocr(r, first);
  if (r.chance(OCR_RATE)) last = ocr(r, last);
  if (r.chance(SURNAME_UPPER_RATE)) last = last.toUpperCase();
  let full = '';
  if (!r.chance(FULL_NAME_MISSING_RATE)) {
    const style = r.next();
    if (style < FULL_NAME_COMMA_RATE) full = `${last.toUpperCase()}, ${first}`;
    else if (style < FULL_NAME_COMMA_RATE + FULL_NAME_REVERSED_RATE) full = `${last} ${first}`;
    else full = `${first} ${last}`;
  }
  // The clerk typed into the wrong fields; a full name, written separately, stays as it was.
  if (r.chance(SWAP_NAMES_RATE)) [first, last] = [last, first];
  return { first, last, full };
}

function renderDob(t: TruePerson, r: Rng): string {
  if (r.chance(DOB_MISSING_RATE)) return '';
  const u = r.next();
  if (u < DOB_SWAP_RATE) return dateError(r, t.dob, 'swap');
  if (u < DOB_SWAP_RATE + DOB_DIGIT_RATE) return dateError(r, t.dob, 'digit');
  if (u < DOB_SWAP_RATE + DOB_DIGIT_RATE + DOB_YEAR_ONLY_RATE) return dateError(r, t.dob, 'year');
  return t.dob;
}

function renderPlace(t: TruePerson, r: Rng): [city: string, postcode: string] {
  const place = r.chance(MOVED_RATE) ? { city: t.otherCity, postcode: t.otherPostcode } : { city: t.city, postcode: t.postcode };
  let city = place.city.variants.length > 0 && r.chance(CITY_VARIANT_RATE) ? r.pick(place.city.variants) : place.city.name;
  if (r.chance(CITY_TYPO_RATE)) city = typo(r, city);
  const postcode = r.chance(POSTCODE_TYPO_RATE) ? idTypo(r, place.postcode) : place.postcode;
  return [r.chance(CITY_MISSING_RATE) ? '' : city, r.chance(POSTCODE_MISSING_RATE) ? '' : postcode];
}

function renderEmail(t: TruePerson, r: Rng): string {
  if (r.chance(EMAIL_MISSING_RATE)) return '';
  if (r.chance(EMAIL_OTHER_RATE)) return t.otherEmail;
  if (r.chance(EMAIL_CASE_RATE)) return emailVariant(r, t.email, 'case');
  if (t.email.endsWith('@gmail.com') && r.chance(GMAIL_VARIANT_RATE)) return emailVariant(r, t.email, 'gmail');
  if (r.chance(EMAIL_TYPO_RATE)) return emailVariant(r, t.email, 'typo');
  return t.email;
}

function renderPhone(t: TruePerson, r: Rng): string {
  if (r.chance(PHONE_MISSING_RATE)) return '';
  return formatPhone(r.chance(PHONE_OTHER_RATE) ? t.otherPhone : t.phone, r.weighted(PHONE_STYLES));
}

function renderId(t: TruePerson, r: Rng): string {
  if (!r.chance(ID_PRESENT_RATE)) return '';
  return r.chance(ID_TYPO_RATE) ? idTypo(r, t.idNumber) : t.idNumber;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const csvCell = (v: string): string => (NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One record of person `t` as a CSV line; the row number and the person number are independent (rows are shuffled). */
function recordLine(uniqueId: number, cluster: number, t: TruePerson, r: Rng): string {
  const { first, last, full } = renderNames(t, r);
  const dob = renderDob(t, r);
  const [city, postcode] = renderPlace(t, r);
  const cells = [String(uniqueId), first, last, full, dob, city, postcode, renderEmail(t, r), renderPhone(t, r), renderId(t, r), String(cluster)];
  return `${cells.map(csvCell).join(',')}\n`;
}

/**
 * Writes a CSV of `n` synthetic person records (columns {@link COLUMNS}), streamed in chunks, and returns
 * its figures. `cluster` is the ground truth — records of one person share it — and is never to be used
 * by the resolver; `mappings/bench/person.yml` imports everything else. Deterministic for a seed.
 * @example
 * const s = await generatePeople({ n: 1_000_000, outFile: '.bench-data/people-1m.csv' });
 * // s.people === 583_333, s.duplicatePairs === 1_412_207 (seed 42)
 */
export async function generatePeople(opts: SynthOptions): Promise<SynthSummary> {
  const started = performance.now();
  if (!Number.isInteger(opts.n) || opts.n < 1)
    throw new ValidationError('CORVID_ERR_VALIDATION', `n must be a positive whole number of records, not ${opts.n}`);
  const seed = opts.seed ?? 42;
  if (!Number.isInteger(seed)) throw new ValidationError('CORVID_ERR_VALIDATION', `seed must be a whole number, not ${seed}`);
  const counts = recordCounts(opts.n, new Rng(seed, 'counts'));
  const owners = rowOwners(counts, opts.n, new Rng(seed, 'order'));
  const population = new Population(seed, buildNamePools(seed));
  const noise = new Rng(seed, 'records');

  const file = resolve(opts.outFile);
  mkdirSync(dirname(file), { recursive: true });
  // Chunks of about 1 MiB: the rows are never all in memory, and the stream handles back-pressure and errors.
  function* chunks(): Generator<string> {
    let buf = `${COLUMNS.join(',')}\n`;
    for (let i = 0; i < opts.n; i++) {
      const p = owners[i]!;
      buf += recordLine(i + 1, p + 1, population.person(p), noise);
      if (buf.length >= 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    yield buf;
  }
  await pipeline(Readable.from(chunks(), { highWaterMark: 1 }), createWriteStream(file));

  let duplicatePairs = 0;
  for (const k of counts) duplicatePairs += (k * (k - 1)) / 2;
  return { records: opts.n, people: counts.length, duplicatePairs, file, truthFile: file, ms: Math.round(performance.now() - started) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { n: { type: 'string', default: '1000000' }, out: { type: 'string', default: '.bench-data/people-1m.csv' }, seed: { type: 'string' } },
  });
  const summary = await generatePeople({ n: Number(values.n), outFile: values.out, ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}) });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}
