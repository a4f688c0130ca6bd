/** Name pools for the resolution benchmark's synthetic people: faker's name lists per culture, ranked Zipf-like, plus nicknames. */
import { de, en, en_GB, fr, it, nl, pl, ro, ru, tr, uk, type LocaleDefinition } from '@faker-js/faker';
import { Rng } from '../src/demo/rng.ts';

/** The name cultures of the synthetic population (`ua` is Ukrainian, written in Cyrillic like `ru`). */
export type Culture = 'de' | 'nl' | 'it' | 'ro' | 'tr' | 'pl' | 'gb' | 'fr' | 'ua' | 'ru';
export type Gender = 'm' | 'f';

export const CULTURES: readonly Culture[] = ['de', 'nl', 'it', 'ro', 'tr', 'pl', 'gb', 'fr', 'ua', 'ru'];

const LOCALE: Record<Culture, LocaleDefinition> = { de, nl, it, ro, tr, pl, gb: en_GB, fr, ua: uk, ru };

/**
 * Zipf exponents: a name of rank k is drawn with weight k^-s. Surnames are flatter than given names
 * (a culture has far more surnames in use than given names), but both are steep enough that a few
 * names ("Müller", "Jansen", "Rossi") cover many unrelated people, which is what term-frequency
 * adjustment in the resolver exists for.
 */
export const FIRST_NAME_ZIPF_S = 0.8;
export const SURNAME_ZIPF_S = 0.65;
/**
 * Rare surnames added per culture after faker's list, made by a character Markov chain trained on it:
 * real registers hold hundreds of thousands of surnames, most shared by a handful of people, and a pool of
 * faker's few hundred would make every surname common. With this tail the top surname covers about 1 % of
 * its culture (de Jong, Müller, Rossi: 0.3–1 % in reality) and the rarest ones a single person.
 */
export const SURNAME_TAIL = 20_000;

/**
 * The most frequent names per culture, most frequent first (national statistics offices' published
 * rankings, rounded to the names everyone knows); they take the top ranks, faker's lists the tail.
 */
const TOP_SURNAMES: Record<Culture, readonly string[]> = {
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann'],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer'],
  it: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco'],
  ro: ['Popa', 'Popescu', 'Pop', 'Radu', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Matei', 'Ciobanu'],
  tr: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir'],
  pl: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak'],
  gb: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson'],
  fr: ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent'],
  ua: ['Мельник', 'Шевченко', 'Бойко', 'Коваленко', 'Бондаренко', 'Ткаченко', 'Ковальчук', 'Кравченко', 'Олійник', 'Шевчук'],
  ru: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров'],
};

const TOP_FIRST: Record<Culture, Record<Gender, readonly string[]>> = {
  de: { m: ['Thomas', 'Michael', 'Andreas', 'Stefan', 'Alexander', 'Johannes'], f: ['Sabine', 'Susanne', 'Petra', 'Anna', 'Katharina'] },
  nl: { m: ['Jan', 'Johannes', 'Cornelis', 'Hendrik', 'Pieter'], f: ['Maria', 'Johanna', 'Anna', 'Emma', 'Sanne'] },
  it: { m: ['Giuseppe', 'Giovanni', 'Antonio', 'Francesco', 'Salvatore'], f: ['Maria', 'Anna', 'Giuseppina', 'Rosa', 'Giulia'] },
  ro: { m: ['Ion', 'Gheorghe', 'Constantin', 'Alexandru', 'Mihai'], f: ['Maria', 'Elena', 'Ioana', 'Ana', 'Andreea'] },
  tr: { m: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hüseyin'], f: ['Fatma', 'Ayşe', 'Emine', 'Hatice', 'Zeynep'] },
  pl: { m: ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Jan'], f: ['Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka'] },
  gb: { m: ['David', 'John', 'Michael', 'James', 'Robert', 'William'], f: ['Susan', 'Sarah', 'Margaret', 'Elizabeth', 'Emma'] },
  fr: { m: ['Jean', 'Pierre', 'Michel', 'Philippe', 'Alexandre', 'Nicolas'], f: ['Marie', 'Nathalie', 'Isabelle', 'Catherine', 'Sylvie'] },
  ua: { m: ['Олександр', 'Сергій', 'Андрій', 'Володимир', 'Іван'], f: ['Олена', 'Наталія', 'Тетяна', 'Ірина', 'Оксана'] },
  ru: { m: ['Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей'], f: ['Елена', 'Ольга', 'Наталья', 'Татьяна', 'Екатерина'] },
};

/** Short forms people give (or clerks write) instead of the full given name; Cyrillic ones before romanisation. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Robert: ['Rob', 'Bob', 'Bobby'],
  William: ['Will', 'Bill'],
  James: ['Jim', 'Jimmy'],
  Michael: ['Mike', 'Micha'],
  Thomas: ['Tom', 'Tommy'],
  Elizabeth: ['Liz', 'Beth'],
  Margaret: ['Maggie', 'Peggy'],
  Alexander: ['Alex', 'Sasha'],
  Alexandre: ['Alex'],
  Alexandru: ['Alex', 'Sandu'],
  Johannes: ['Hans', 'Jan', 'Johann'],
  Cornelis: ['Kees'],
  Hendrik: ['Henk'],
  Pieter: ['Piet'],
  Andreas: ['Andi'],
  Katharina: ['Kathi', 'Katja'],
  Giuseppe: ['Peppe', 'Beppe'],
  Giovanni: ['Gianni'],
  Francesco: ['Franco'],
  Salvatore: ['Totò'],
  Gheorghe: ['George', 'Ghiță'],
  Constantin: ['Costel'],
  Nicolas: ['Nico'],
  Catherine: ['Cathy'],
  Katarzyna: ['Kasia'],
  Małgorzata: ['Gosia'],
  Tomasz: ['Tomek'],
  Krzysztof: ['Krzysiek'],
  Mehmet: ['Muhammed', 'Memo'],
  Ahmet: ['Ahmed'],
  Hüseyin: ['Hussein'],
  Mohammed: ['Muhammad', 'Mohamed'],
  Олександр: ['Саша', 'Сашко'],
  Володимир: ['Вова'],
  Наталія: ['Наташа'],
  Александр: ['Саша'],
  Дмитрий: ['Дима'],
  Алексей: ['Лёша'],
  Сергей: ['Серёжа'],
  Екатерина: ['Катя'],
  Наталья: ['Наташа'],
};

/** A list of values drawn with Zipf weights by rank (the first value is the most frequent). */
export class ZipfPool {
  private readonly cdf: Float64Array;

  constructor(
    readonly values: readonly string[],
    s: number,
  ) {
    if (values.length === 0) throw new RangeError('a Zipf pool needs values');
    this.cdf = new Float64Array(values.length);
    let total = 0;
    for (let k = 0; k < values.length; k++) this.cdf[k] = total += (k + 1) ** -s;
    for (let k = 0; k < values.length; k++) this.cdf[k]! /= total;
  }

  /** The value at quantile `u` in [0, 1). */
  pick(u: number): string {
    return this.values[this.index(u)]!;
  }

  /** The rank (0-based) at quantile `u` in [0, 1): binary search over the cumulative weights. */
  index(u: number): number {
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Given names by gender and surnames by gender (the same pool for both where surnames do not inflect). */
export interface CulturePools {
  first: Record<Gender, ZipfPool>;
  last: Record<Gender, ZipfPool>;
}

export type NamePools = Record<Culture, CulturePools>;

type Entry = { generic?: readonly string[]; male?: readonly string[]; female?: readonly string[] } | null | undefined;

/** A gendered list from a locale, falling back to the generic list and then to English (en_GB has no names of its own). */
function listOf(entry: Entry, fallback: Entry, g: Gender): readonly string[] {
  const gendered = g === 'm' ? entry?.male : entry?.female;
  return gendered ?? entry?.generic ?? (g === 'm' ? fallback?.male : fallback?.female) ?? fallback?.generic ?? [];
}

/** Top names first, then the rest of faker's list in a seeded order (faker's lists are alphabetical). */
function ranked(top: readonly string[], rest: readonly string[], rng: Rng): string[] {
  const seen = new Set(top);
  const tail: string[] = [];
  for (const v of rest) {
    if (seen.has(v)) continue;
    seen.add(v);
    tail.push(v);
  }
  return [...top, ...rng.shuffle(tail)];
}

/**
 * Markov chain order for the invented surnames: three letters of context keep them pronounceable, but
 * over a list of a few hundred names mostly re-create it; two letters then give enough new ones.
 */
const markovOrder = (trainingSize: number): number => (trainingSize >= 1000 ? 3 : 2);

/**
 * Up to `count` new names in the style of `training` (none of them in it), from a character Markov chain.
 * @example inventNames(['Müller', 'Schneider', 'Schmidt'], 10, rng) // e.g. ['Schmider', 'Schnein', …]
 */
export function inventNames(training: readonly string[], count: number, rng: Rng): string[] {
  const order = markovOrder(training.length);
  const next = new Map<string, string[]>();
  const start = '^'.repeat(order);
  // Particles (`van`, `de`, `Di`) are only taken where real names have them: before a capitalised final word.
  const particles = new Set<string>();
  for (const name of training) {
    const words = name.split(' ');
    for (const w of words.slice(0, -1)) particles.add(w);
    const text = `${start}${name}$`;
    for (let i = order; i < text.length; i++) {
      const ctx = text.slice(i - order, i);
      let list = next.get(ctx);
      if (!list) next.set(ctx, (list = []));
      list.push(text[i]!);
    }
  }
  // Chains over small lists run on into compounds (`Akalkarabulaksüt`): no longer than nine in ten real names.
  const lengths = training.map((n) => n.length).sort((a, b) => a - b);
  const maxLength = lengths[Math.floor(lengths.length * 0.9)] ?? 12;
  const known = new Set(training);
  const out: string[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 3; attempt++) {
    let ctx = start;
    let name = '';
    for (let ch = rng.pick(next.get(ctx)!); ch !== '$' && name.length <= maxLength; ch = rng.pick(next.get(ctx)!)) {
      name += ch;
      ctx = ctx.slice(1) + ch;
    }
    const words = name.split(' ');
    if (name.length < 3 || name.length > maxLength || known.has(name) || !/^\p{Lu}/u.test(words.at(-1)!) || !words.slice(0, -1).every((w) => particles.has(w)))
      continue;
    known.add(name);
    out.push(name);
  }
  return out;
}

/** Polish surnames in -ski/-cki/-dzki take -ska/-cka/-dzka for women. */
function polishFeminine(name: string): string {
  return name.replace(/(sk|ck|dzk)i$/, '$1a');
}

/** Russian surnames in -ов/-ев/-ин take -ова/-ева/-ина for women; Ukrainian -енко/-ук do not change. */
function russianFeminine(name: string): string {
  return /(ов|ев|ёв|ин|ын)$/.test(name) ? `${name}а` : name.replace(/(ск|цк)ий$/, '$1ая');
}

/**
 * Builds the name pools once (a few hundred to two thousand names each), so the generator never calls
 * faker per record. Deterministic for a seed.
 * @example const pools = buildNamePools(42); pools.de.last.m.pick(0) // 'Müller'
 */
export function buildNamePools(seed: number): NamePools {
  const rng = new Rng(seed, 'name-pools');
  const out = {} as NamePools;
  for (const c of CULTURES) {
    const person = LOCALE[c].person;
    const first = (g: Gender): ZipfPool => new ZipfPool(ranked(TOP_FIRST[c][g], listOf(person?.first_name, en.person?.first_name, g), rng), FIRST_NAME_ZIPF_S);
    const surnames = (g: Gender): string[] => {
      const known = ranked(TOP_SURNAMES[c], listOf(person?.last_name, en.person?.last_name, g), rng);
      return [...known, ...inventNames(known, SURNAME_TAIL, rng)];
    };
    const lastM = surnames('m');
    let lastF = lastM;
    if (c === 'pl') lastF = lastM.map(polishFeminine);
    if (c === 'ru') lastF = lastM.map(russianFeminine);
    if (c === 'ua') lastF = surnames('f');
    out[c] = { first: { m: first('m'), f: first('f') }, last: { m: new ZipfPool(lastM, SURNAME_ZIPF_S), f: new ZipfPool(lastF, SURNAME_ZIPF_S) } };
  }
  return out;
}
