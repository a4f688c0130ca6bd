/** The true identity of each synthetic person, regenerated from (seed, person number), so a million people take no memory. */
import { ARABIC_FAMILY, ARABIC_GIVEN, UA_GIVEN } from '../src/demo/name-tables.ts';
import { Rng } from '../src/demo/rng.ts';
import { foldDiacritics, transliterate, type TranslitSystem } from '../src/demo/translit.ts';
import { ZipfPool, type Culture, type Gender, type NamePools } from './resolve-data-names.ts';
import { MAIL_DOMAINS, makeIdNumber, makePhone, pickPlace, type City, type Phone } from './resolve-data-places.ts';

/** The caseload's mix of name cultures: a West-European register with large Turkish, Polish, Romanian and Ukrainian communities. */
export const CULTURE_WEIGHTS: readonly (readonly [Culture, number])[] = [
  ['de', 22],
  ['nl', 10],
  ['it', 12],
  ['ro', 8],
  ['tr', 9],
  ['pl', 10],
  ['gb', 9],
  ['fr', 10],
  ['ua', 6],
  ['ru', 4],
];
/** People registered in de/nl/fr/gb with Arabic names (Mohammed/Muhammad): large communities there, and romanisation varies. */
export const ARABIC_NAME_RATE = 0.04;
/** People living outside their name culture's country (Ukrainians in Poland, Turks in Germany, Romanians in Italy). */
export const RESIDENCE_ABROAD_RATE = 0.2;
const HOST_COUNTRIES: readonly (readonly [Culture, number])[] = [
  ['de', 4],
  ['nl', 2],
  ['fr', 2],
  ['gb', 2],
  ['it', 2],
  ['pl', 2],
];
/** Distinct people who share given name and surname with an earlier person of their culture (fathers and sons, cousins). */
export const NAMESAKE_RATE = 0.02;
/** Of those namesakes, the share also born in the same year: the hardest negatives a resolver meets. */
export const NAMESAKE_SAME_YEAR_RATE = 0.3;
/** British and German double-barrelled surnames (`Smith-Jones`, `Müller-Lüdenscheidt`), usually after marriage. */
export const DOUBLE_BARREL_RATE = 0.03;

/** Who a person is, as far as names and birth year go (what namesakes share). */
export interface Identity {
  culture: Culture;
  gender: Gender;
  /** Given name and surname as the person's own documents write them (Cyrillic for `ua` and `ru`). */
  first: string;
  last: string;
  /** Other accepted forms: Arabic romanisations, the Russian form of a Ukrainian given name. */
  firstAlts: readonly string[];
  lastAlts: readonly string[];
  cyrillic: boolean;
  year: number;
}

/** The ground truth of one person: what every one of their records is a more or less faithful copy of. */
export interface TruePerson extends Identity {
  /** YYYY-MM-DD. */
  dob: string;
  /** Country of residence. */
  country: Culture;
  city: City;
  postcode: string;
  email: string;
  phone: Phone;
  idNumber: string;
  /** Where the person lived before or moved to: some of their records give this address. */
  otherCity: City;
  otherPostcode: string;
  /** A second mailbox and a second phone, which some of their records give instead. */
  otherEmail: string;
  otherPhone: Phone;
}

/** Arabic given names by rank: the tables list the most frequent first (Mohammed, Fatima). */
const ARABIC_RANKS = {
  m: new ZipfPool(
    ARABIC_GIVEN.male.map((n) => n.native),
    1,
  ),
  f: new ZipfPool(
    ARABIC_GIVEN.female.map((n) => n.native),
    1,
  ),
};
/** Arabic family names, and given names used as family names (patronymic surnames: Hassan, Ibrahim, Mustafa). */
const ARABIC_FAMILIES = [...ARABIC_FAMILY, ...ARABIC_GIVEN.male];
const UA_RUSSIAN_FORM = new Map([...UA_GIVEN.male, ...UA_GIVEN.female].filter(([ua, ruForm]) => ua !== ruForm));
/** The reference date ages are counted from: fixed, so the output does not depend on when it is generated. */
const REFERENCE_YEAR = 2025;

/** Everyone's truth, drawn from one labelled random stream per person. */
export class Population {
  constructor(
    readonly seed: number,
    private readonly pools: NamePools,
  ) {}

  /** Person `p`'s names and birth year, and the stream positioned after them. */
  identity(p: number): { id: Identity; rng: Rng } {
    const rng = new Rng(this.seed, `person:${p}`);
    if (p > 0 && rng.chance(NAMESAKE_RATE)) {
      const q = p - 1 - rng.int(0, Math.min(p - 1, 10_000));
      const base = this.identity(q).id;
      return { id: { ...base, year: rng.chance(NAMESAKE_SAME_YEAR_RATE) ? base.year : birthYear(rng) }, rng };
    }
    const culture = rng.weighted(CULTURE_WEIGHTS);
    const gender: Gender = rng.chance(0.5) ? 'm' : 'f';
    const cyrillic = culture === 'ua' || culture === 'ru';
    const pools = this.pools[culture];
    let id: Identity;
    if ((culture === 'de' || culture === 'nl' || culture === 'fr' || culture === 'gb') && rng.chance(ARABIC_NAME_RATE)) {
      const given = (gender === 'm' ? ARABIC_GIVEN.male : ARABIC_GIVEN.female)[ARABIC_RANKS[gender].index(rng.next())]!;
      const family = rng.pick(ARABIC_FAMILIES);
      const article = /^(Al|El)-(.+)$/.exec(family.latin[0]!);
      const familyAlts = [...family.latin.slice(1), ...(article ? [`${article[1]} ${article[2]}`] : [])];
      id = { culture, gender, first: given.latin[0]!, last: family.latin[0]!, firstAlts: given.latin.slice(1), lastAlts: familyAlts, cyrillic: false, year: 0 };
    } else {
      const first = pools.first[gender].pick(rng.next());
      let last = pools.last[gender].pick(rng.next());
      if ((culture === 'gb' || culture === 'de') && rng.chance(DOUBLE_BARREL_RATE)) last = `${last}-${pools.last[gender].pick(rng.next())}`;
      const ruForm = culture === 'ua' ? UA_RUSSIAN_FORM.get(first) : undefined;
      id = { culture, gender, first, last, firstAlts: ruForm ? [ruForm] : [], lastAlts: [], cyrillic, year: 0 };
    }
    id.year = birthYear(rng);
    return { id, rng };
  }

  /**
   * Person `p`'s full truth; the same for the same seed and number, whenever it is asked for.
   * @example new Population(42, buildNamePools(42)).person(0).dob // e.g. '1979-04-17'
   */
  person(p: number): TruePerson {
    const { id, rng } = this.identity(p);
    const dob = new Date(Date.UTC(id.year, 0, 1) + rng.int(0, 364) * 86_400_000).toISOString().slice(0, 10);
    const country = rng.chance(RESIDENCE_ABROAD_RATE) ? rng.weighted(HOST_COUNTRIES.filter(([c]) => c !== id.culture)) : id.culture;
    const { city, postcode } = pickPlace(country, rng);
    const other = pickPlace(country, rng);
    // Spelled out rather than spread: identities come in several object shapes, and spreading them is slow.
    return {
      culture: id.culture,
      gender: id.gender,
      first: id.first,
      last: id.last,
      firstAlts: id.firstAlts,
      lastAlts: id.lastAlts,
      cyrillic: id.cyrillic,
      year: id.year,
      dob,
      country,
      city,
      postcode,
      email: makeEmail(id, country, rng),
      phone: makePhone(country, rng),
      idNumber: makeIdNumber(id.culture, rng),
      otherCity: other.city,
      otherPostcode: other.postcode,
      otherEmail: makeEmail(id, country, rng),
      otherPhone: makePhone(country, rng),
    };
  }
}

/** Ages of adults in a police register: centred on the early forties, 18 to 90. */
function birthYear(rng: Rng): number {
  const age = Math.round(Math.min(90, Math.max(18, rng.normal(42, 15))));
  return REFERENCE_YEAR - age;
}

/** Entries per cache: about every name of the pools, bounded so that memory stays small whatever the input. */
const CACHE_LIMIT = 50_000;

/** Remembers a string function's results: names repeat endlessly, and Unicode normalisation costs microseconds a call. */
function memo(fn: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let out = cache.get(text);
    if (out === undefined) {
      out = fn(text);
      if (cache.size < CACHE_LIMIT) cache.set(text, out);
    }
    return out;
  };
}

const NO_DECOMPOSITION: Readonly<Record<string, string>> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O' };
const fold = memo((text) => foldDiacritics(text).replace(/[łŁøØ]/g, (ch) => NO_DECOMPOSITION[ch] ?? ch));
const foldGerman = memo((text) => foldDiacritics(text, true).replace(/[łŁøØ]/g, (ch) => NO_DECOMPOSITION[ch] ?? ch));

/** Diacritics removed, and the letters that have no decomposition (Polish ł, Danish ø) replaced by their base letter. */
export function foldLetters(text: string, german = false): string {
  return german ? foldGerman(text) : fold(text);
}

const TRANSLIT_CACHE = new Map<string, string>();

/** {@link transliterate}, remembered per name and system. */
export function romanise(text: string, system: TranslitSystem, russian: boolean): string {
  const key = `${system}${russian ? 'r' : ''}:${text}`;
  let out = TRANSLIT_CACHE.get(key);
  if (out === undefined) {
    out = transliterate(text, system, russian);
    if (TRANSLIT_CACHE.size < CACHE_LIMIT) TRANSLIT_CACHE.set(key, out);
  }
  return out;
}

const mailNameCache = new Map<Culture, Map<string, string>>();

/** A name as it goes into an e-mail address: romanised, without diacritics, lower-case letters only. */
export function mailName(name: string, culture: Culture): string {
  let cache = mailNameCache.get(culture);
  if (!cache) mailNameCache.set(culture, (cache = new Map()));
  let out = cache.get(name);
  if (out === undefined) {
    const latin = culture === 'ua' ? romanise(name, 'kmu', false) : culture === 'ru' ? romanise(name, 'bgn', true) : name;
    out = foldLetters(latin, culture === 'de')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    if (cache.size < CACHE_LIMIT) cache.set(name, out);
  }
  return out;
}

/** The person's own address, built from their names the ways people do (`anna.rossi`, `arossi`, `anna.rossi87`). */
export function makeEmail(id: Identity, country: Culture, rng: Rng): string {
  const g = mailName(id.first, id.culture) || 'info';
  const f = mailName(id.last, id.culture) || 'mail';
  let local: string;
  switch (rng.int(0, 6)) {
    case 0:
      local = `${g}.${f}`;
      break;
    case 1:
      local = `${g}${f}`;
      break;
    case 2:
      local = `${g}.${f}${String(id.year).slice(2)}`;
      break;
    case 3:
      local = `${g[0]}${f}`;
      break;
    case 4:
      local = `${f}.${g}`;
      break;
    case 5:
      local = `${g}${rng.int(1, 999)}`;
      break;
    default:
      local = `${g}_${f}`;
  }
  return `${local}@${rng.pick(MAIL_DOMAINS[country])}`;
}
