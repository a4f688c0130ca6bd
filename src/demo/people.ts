/** Makes the people of the demo world: names by nationality (faker, several locales and scripts), addresses, phones, e-mails. */
import { Faker, base, de, de_AT, en, en_GB, it, nl, ro, ru, sr_RS_latin, sv, tr, uk, type LocaleDefinition } from '@faker-js/faker';
import { birthDate } from './clock.ts';
import { makePhone } from './identifiers.ts';
import { ARABIC_FAMILY, ARABIC_GIVEN, CITIES, DARI_FAMILY, DARI_GIVEN, LT_NAMES, POSTCODE_LENGTH, UA_GIVEN, type ScriptName } from './name-tables.ts';
import type { Rng } from './rng.ts';
import { foldDiacritics, transliterate } from './translit.ts';
import type { Gender, NetworkKey, WAddress, WPerson, World } from './world.ts';

const LOCALES: Record<string, LocaleDefinition> = { de, at: de_AT, nl, it, ro, ua: uk, ru, tr, rs: sr_RS_latin, gb: en_GB, se: sv };

const MAIL_DOMAINS: Record<string, readonly string[]> = {
  de: ['gmx.de', 'web.de', 't-online.de', 'gmail.com'],
  at: ['gmx.at', 'aon.at', 'gmail.com'],
  nl: ['ziggo.nl', 'kpnmail.nl', 'hotmail.com', 'gmail.com'],
  it: ['libero.it', 'virgilio.it', 'gmail.com'],
  ua: ['ukr.net', 'gmail.com', 'i.ua'],
  ru: ['mail.ru', 'yandex.ru', 'gmail.com'],
};

/** Residence countries whose phone numbers the demo can make; others fall back to the nationality. */
const PHONE_COUNTRY: Record<string, string> = {
  de: 'DE',
  nl: 'NL',
  it: 'IT',
  ro: 'RO',
  ua: 'UA',
  lt: 'LT',
  at: 'AT',
  tr: 'TR',
  rs: 'RS',
  gb: 'GB',
  ae: 'AE',
  iq: 'IQ',
  sy: 'SY',
  af: 'AF',
  se: 'SE',
  ru: 'UA',
};

const LT_STREETS = ['Gedimino pr.', 'Savanorių pr.', 'Konstitucijos pr.', 'Laisvės al.', 'Taikos pr.', 'Pylimo g.'];

export interface PersonSpec {
  nationality: string;
  /** Country of residence (default: the nationality). */
  residence?: string;
  gender?: Gender;
  age?: readonly [number, number];
  role: string;
  network?: NetworkKey;
  city?: string;
  /** Countries of the phone numbers to give (default: one of the residence). */
  phones?: readonly string[];
  emails?: number;
  /** Takes the family name of this person (relatives). */
  familyOf?: WPerson;
}

interface Names {
  given: string;
  family: string;
  native?: WPerson['native'];
  givenVariants: string[];
  familyVariants: string[];
}

/** Builds people into the world from one seeded stream; one faker instance per locale, seeded once. */
export class PersonFactory {
  private readonly fakers = new Map<string, Faker>();

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {}

  private faker(country: string): Faker {
    const key = LOCALES[country] ? country : 'gb';
    let f = this.fakers.get(key);
    if (!f) {
      f = new Faker({ locale: [LOCALES[key]!, en, base] });
      f.seed(this.rng.int(1, 2 ** 31 - 1));
      this.fakers.set(key, f);
    }
    return f;
  }

  /**
   * Makes a person and adds them to the world.
   * @example factory.make({ nationality: 'ua', residence: 'nl', role: 'organiser', network: 'trident' })
   */
  make(spec: PersonSpec): WPerson {
    const rng = this.rng;
    const gender = spec.gender ?? (rng.chance(0.55) ? 'male' : 'female');
    const residence = spec.residence ?? spec.nationality;
    const [minAge, maxAge] = spec.age ?? [22, 60];
    const names = this.names(spec.nationality, gender);
    if (spec.familyOf) {
      const f = spec.familyOf;
      names.family = f.family;
      names.familyVariants = [...f.familyVariants];
      if (names.native && f.native) names.native = { ...names.native, family: f.native.family };
    }
    const key = this.world.nextKey('per');
    const phones = (spec.phones ?? [PHONE_COUNTRY[residence] ?? PHONE_COUNTRY[spec.nationality] ?? 'DE']).map((c) => makePhone(rng, c));
    const person: WPerson = {
      key,
      ...names,
      gender,
      birthDate: birthDate(rng.int(minAge, maxAge), rng.int(0, 364)),
      nationality: spec.nationality,
      country: residence,
      address: this.address(residence, spec.city),
      phones,
      emails: [],
      accounts: [],
      wallets: [],
      passport: `${spec.nationality.toUpperCase()}${rng.chars(2, 'ABCDEFGHJKLMNPRSTUVWXYZ')}${rng.digits(6)}`,
      role: spec.role,
      ...(spec.network ? { network: spec.network } : {}),
    };
    const emailCount = spec.emails ?? (rng.chance(0.7) ? 1 : 0);
    for (let i = 0; i < emailCount; i++) person.emails.push(this.email(person, i));
    return this.world.addPerson(person);
  }

  /** An address in a real city of `country` with a street from that country's faker locale. */
  address(country: string, city?: string): WAddress {
    const rng = this.rng;
    const cities = CITIES[country] ?? CITIES.de!;
    const chosen = city ? (cities.find((c) => c.name === city) ?? { name: city, postcode: '' }) : rng.pick(cities);
    const len = POSTCODE_LENGTH[country];
    let postcode = len ? `${chosen.postcode}${rng.digits(Math.max(0, len - chosen.postcode.length))}` : '';
    if (country === 'nl') postcode = `${postcode} ${rng.chars(2, 'ABCDEFGHJKLMNPRSTVWXZ')}`;
    let street = '';
    if (country === 'lt') street = `${rng.pick(LT_STREETS)} ${rng.int(1, 120)}`;
    else if (LOCALES[country]) {
      const f = this.faker(country);
      street = `${f.location.street()} ${f.location.buildingNumber()}`;
    }
    return { street, postcode, city: chosen.name, country };
  }

  private email(p: WPerson, n: number): string {
    const rng = this.rng;
    const clean = (s: string): string =>
      foldDiacritics(s, true)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
    const g = clean(p.given);
    const f = clean(p.family);
    const yy = p.birthDate.slice(2, 4);
    const local = rng.pick([`${g}.${f}`, `${g}${f}${yy}`, `${g.slice(0, 1)}${f}`, `${f}.${g}${n > 0 ? n : ''}`, `${g}${rng.int(1, 999)}`]);
    const domains = MAIL_DOMAINS[p.country] ?? ['gmail.com', 'outlook.com', 'proton.me'];
    return `${local}@${rng.pick(domains)}`;
  }

  private names(nat: string, gender: Gender): Names {
    const rng = this.rng;
    if (nat === 'ua') {
      const [ua, ruForm] = rng.pick(UA_GIVEN[gender]);
      const family = this.faker('ua').person.lastName(gender);
      return {
        given: transliterate(ua, 'kmu'),
        family: transliterate(family, 'kmu'),
        native: { given: ua, family, script: 'Cyrl' },
        givenVariants: distinct([transliterate(ua, 'de'), transliterate(ruForm, 'bgn'), transliterate(ua, 'bgn')], transliterate(ua, 'kmu')),
        familyVariants: distinct([transliterate(family, 'de'), transliterate(family, 'bgn')], transliterate(family, 'kmu')),
      };
    }
    if (nat === 'ru') {
      const f = this.faker('ru');
      const given = f.person.firstName(gender);
      const family = f.person.lastName(gender);
      return {
        given: transliterate(given, 'bgn'),
        family: transliterate(family, 'bgn'),
        native: { given, family, script: 'Cyrl' },
        givenVariants: distinct([transliterate(given, 'de', true)], transliterate(given, 'bgn')),
        familyVariants: distinct([transliterate(family, 'de', true), transliterate(family, 'kmu')], transliterate(family, 'bgn')),
      };
    }
    if (nat === 'sy' || nat === 'iq' || nat === 'af') {
      const given = rng.pick(nat === 'af' ? DARI_GIVEN[gender] : ARABIC_GIVEN[gender]);
      const family = rng.pick(nat === 'af' ? DARI_FAMILY : ARABIC_FAMILY);
      return {
        given: given.latin[0]!,
        family: family.latin[0]!,
        native: { given: given.native, family: family.native, script: 'Arab' },
        givenVariants: given.latin.slice(1),
        familyVariants: distinct([...family.latin.slice(1), ...articleVariants(family)], family.latin[0]!),
      };
    }
    if (nat === 'lt') {
      const given = rng.pick(gender === 'male' ? LT_NAMES.male : LT_NAMES.female);
      const family = rng.pick(gender === 'male' ? LT_NAMES.familyMale : LT_NAMES.familyFemale);
      return latinNames(given, family, false);
    }
    const f = this.faker(nat);
    return latinNames(f.person.firstName(gender), f.person.lastName(gender), nat === 'de' || nat === 'at');
  }
}

function latinNames(given: string, family: string, german: boolean): Names {
  const variants = (s: string): string[] => distinct([foldDiacritics(s, german), foldDiacritics(s, false)], s);
  return { given, family, givenVariants: variants(given), familyVariants: variants(family) };
}

/** `Al-Hassan` is also written `Al Hassan` and `Alhassan`. */
function articleVariants(name: ScriptName): string[] {
  const first = name.latin[0]!;
  const m = /^(Al|El)-(.+)$/.exec(first);
  if (!m) return [];
  return [`${m[1]} ${m[2]}`, `${m[1]}${m[2]!.toLowerCase()}`];
}

function distinct(values: readonly string[], except: string): string[] {
  const out: string[] = [];
  for (const v of values) if (v !== except && !out.includes(v)) out.push(v);
  return out;
}
