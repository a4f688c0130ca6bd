/** Places and numbers for the resolution benchmark's synthetic people: cities with postcodes, mobile numbers, e-mail domains, ID formats. */
import type { Rng } from '../src/demo/rng.ts';
import type { Culture } from './resolve-data-names.ts';
import { ZipfPool } from './resolve-data-names.ts';

/** A real city, the first characters of its postcodes, and other names it is written under. */
export interface City {
  name: string;
  postcode: string;
  variants: readonly string[];
}

const c = (name: string, postcode: string, ...variants: string[]): City => ({ name, postcode, variants });

/**
 * The largest cities per country of residence, largest first (city sizes follow Zipf's law, so the
 * list order is the frequency rank). Variants are exonyms and spellings without diacritics, as
 * foreign or older systems record them.
 */
export const CITIES: Record<Culture, readonly City[]> = {
  de: [
    c('Berlin', '1'),
    c('Hamburg', '2'),
    c('München', '8', 'Muenchen', 'Munich'),
    c('Köln', '50', 'Koeln', 'Cologne'),
    c('Frankfurt am Main', '60', 'Frankfurt', 'Frankfurt/Main'),
    c('Stuttgart', '70'),
    c('Düsseldorf', '40', 'Duesseldorf'),
    c('Leipzig', '04'),
    c('Dortmund', '44'),
    c('Essen', '45'),
    c('Bremen', '28'),
    c('Dresden', '01'),
    c('Hannover', '30', 'Hanover'),
    c('Nürnberg', '90', 'Nuernberg', 'Nuremberg'),
    c('Duisburg', '47'),
  ],
  nl: [
    c('Amsterdam', '10'),
    c('Rotterdam', '30'),
    c('Den Haag', '25', "'s-Gravenhage", 'The Hague'),
    c('Utrecht', '35'),
    c('Eindhoven', '56'),
    c('Groningen', '97'),
    c('Tilburg', '50'),
    c('Almere', '13'),
    c('Breda', '48'),
    c('Nijmegen', '65'),
  ],
  it: [
    c('Roma', '001', 'Rome', 'Rom'),
    c('Milano', '201', 'Milan', 'Mailand'),
    c('Napoli', '801', 'Naples', 'Neapel'),
    c('Torino', '101', 'Turin'),
    c('Palermo', '901'),
    c('Genova', '161', 'Genoa', 'Genua'),
    c('Bologna', '401'),
    c('Firenze', '501', 'Florence', 'Florenz'),
    c('Bari', '701'),
    c('Catania', '951'),
  ],
  ro: [
    c('București', '0', 'Bucuresti', 'Bucharest', 'Bukarest'),
    c('Cluj-Napoca', '400', 'Cluj'),
    c('Timișoara', '300', 'Timisoara'),
    c('Iași', '700', 'Iasi'),
    c('Constanța', '900', 'Constanta'),
    c('Craiova', '200'),
    c('Brașov', '500', 'Brasov'),
  ],
  tr: [
    c('İstanbul', '34', 'Istanbul'),
    c('Ankara', '06'),
    c('İzmir', '35', 'Izmir'),
    c('Bursa', '16'),
    c('Antalya', '07'),
    c('Adana', '01'),
    c('Konya', '42'),
    c('Gaziantep', '27'),
  ],
  pl: [
    c('Warszawa', '0', 'Warsaw', 'Warschau'),
    c('Kraków', '3', 'Krakow', 'Cracow'),
    c('Łódź', '9', 'Lodz'),
    c('Wrocław', '5', 'Wroclaw', 'Breslau'),
    c('Poznań', '6', 'Poznan'),
    c('Gdańsk', '80', 'Gdansk', 'Danzig'),
    c('Szczecin', '7'),
  ],
  gb: [
    c('London', 'E'),
    c('Birmingham', 'B'),
    c('Manchester', 'M'),
    c('Glasgow', 'G'),
    c('Liverpool', 'L'),
    c('Leeds', 'LS'),
    c('Bristol', 'BS'),
    c('Edinburgh', 'EH'),
    c('Sheffield', 'S'),
    c('Cardiff', 'CF'),
  ],
  fr: [
    c('Paris', '75'),
    c('Marseille', '13', 'Marseilles'),
    c('Lyon', '69', 'Lyons'),
    c('Toulouse', '31'),
    c('Nice', '06', 'Nizza'),
    c('Nantes', '44'),
    c('Strasbourg', '67', 'Straßburg'),
    c('Montpellier', '34'),
    c('Bordeaux', '33'),
    c('Lille', '59'),
  ],
  ua: [
    c('Kyiv', '0', 'Kiev', 'Київ', 'Kiew'),
    c('Kharkiv', '61', 'Kharkov', 'Харків', 'Charkiw'),
    c('Odesa', '65', 'Odessa', 'Одеса'),
    c('Dnipro', '49', 'Dnepr', 'Дніпро'),
    c('Lviv', '79', 'Lvov', 'Львів', 'Lemberg'),
    c('Zaporizhzhia', '69', 'Zaporozhye', 'Saporischschja'),
  ],
  ru: [
    c('Moskva', '1', 'Moscow', 'Москва', 'Moskau'),
    c('Sankt-Peterburg', '19', 'Saint Petersburg', 'St. Petersburg', 'Санкт-Петербург'),
    c('Novosibirsk', '630'),
    c('Yekaterinburg', '620', 'Ekaterinburg', 'Jekaterinburg'),
    c('Kazan', '420', 'Kasan'),
  ],
};

/** Zipf's law for city sizes (exponent 1): the largest city about twice as frequent as the second. */
const CITY_ZIPF_S = 1;
const CITY_RANKS = Object.fromEntries(
  Object.entries(CITIES).map(([k, cities]) => [
    k,
    new ZipfPool(
      cities.map((x) => x.name),
      CITY_ZIPF_S,
    ),
  ]),
) as Record<Culture, ZipfPool>;

const POSTCODE_DIGITS: Record<Culture, number> = { de: 5, nl: 4, it: 5, ro: 6, tr: 5, pl: 5, gb: 0, fr: 5, ua: 5, ru: 6 };
const GB_INWARD = 'ABDEFGHJLNPQRSTUWXYZ';
const NL_LETTERS = 'ABCDEGHJKLMNPRSTVWXZ';

/** A city of `country`, drawn by size, with a postcode in the country's format (`10115`, `1012 AB`, `00-950`, `EH1 2NG`). */
export function pickPlace(country: Culture, rng: Rng): { city: City; postcode: string } {
  const city = CITIES[country][CITY_RANKS[country].index(rng.next())]!;
  if (country === 'gb') return { city, postcode: `${city.postcode}${rng.int(1, 20)} ${rng.int(1, 9)}${rng.chars(2, GB_INWARD)}` };
  const digits = POSTCODE_DIGITS[country];
  let postcode = city.postcode + rng.digits(digits - city.postcode.length);
  if (country === 'nl') postcode = `${postcode} ${rng.chars(2, NL_LETTERS)}`;
  if (country === 'pl') postcode = `${postcode.slice(0, 2)}-${postcode.slice(2)}`;
  return { city, postcode };
}

/** How a country's mobile numbers look: calling code, trunk prefix for national dialling, first digits, digits after them. */
interface PhonePlan {
  cc: string;
  trunk: string;
  prefixes: readonly string[];
  rest: number;
}

const PHONE_PLANS: Record<Culture, PhonePlan> = {
  de: { cc: '49', trunk: '0', prefixes: ['151', '152', '157', '160', '162', '170', '171', '172', '173', '175', '176', '177', '178', '179'], rest: 8 },
  nl: { cc: '31', trunk: '0', prefixes: ['61', '62', '63', '64', '65'], rest: 7 },
  it: { cc: '39', trunk: '', prefixes: ['320', '328', '329', '333', '334', '335', '338', '339', '340', '347', '348', '349', '366', '388', '392'], rest: 7 },
  ro: {
    cc: '40',
    trunk: '0',
    prefixes: ['721', '722', '723', '724', '740', '744', '745', '751', '752', '755', '762', '765', '766', '770', '771', '787'],
    rest: 6,
  },
  tr: { cc: '90', trunk: '0', prefixes: ['505', '506', '530', '532', '533', '535', '536', '538', '541', '542', '543', '544', '545', '552', '555'], rest: 7 },
  pl: {
    cc: '48',
    trunk: '',
    prefixes: ['501', '502', '505', '508', '512', '518', '530', '535', '600', '601', '602', '660', '691', '721', '783', '790', '880'],
    rest: 6,
  },
  gb: { cc: '44', trunk: '0', prefixes: ['7400', '7700', '7723', '7751', '7766', '7788', '7800', '7900', '7911', '7956', '7970'], rest: 6 },
  fr: { cc: '33', trunk: '0', prefixes: ['6', '7'], rest: 8 },
  ua: { cc: '380', trunk: '0', prefixes: ['50', '63', '66', '67', '68', '73', '93', '95', '96', '97', '98', '99'], rest: 7 },
  ru: { cc: '7', trunk: '8', prefixes: ['903', '905', '915', '916', '917', '925', '926', '929', '977', '985', '999'], rest: 7 },
};

/** A mobile number: the country's calling code and trunk prefix, and the national significant number. */
export interface Phone {
  cc: string;
  trunk: string;
  nsn: string;
}

/** A mobile number of `country` that looks valid (right code, prefix and length); it need not exist. */
export function makePhone(country: Culture, rng: Rng): Phone {
  const plan = PHONE_PLANS[country];
  return { cc: plan.cc, trunk: plan.trunk, nsn: rng.pick(plan.prefixes) + rng.digits(plan.rest) };
}

/** Free-mail providers by country of residence, the local ones first, as people actually use them. */
export const MAIL_DOMAINS: Record<Culture, readonly string[]> = {
  de: ['gmx.de', 'web.de', 't-online.de', 'gmail.com', 'outlook.de'],
  nl: ['ziggo.nl', 'kpnmail.nl', 'hotmail.com', 'gmail.com', 'outlook.com'],
  it: ['libero.it', 'virgilio.it', 'gmail.com', 'hotmail.it', 'tiscali.it'],
  ro: ['yahoo.com', 'gmail.com', 'yahoo.ro'],
  tr: ['hotmail.com', 'gmail.com', 'yandex.com.tr'],
  pl: ['wp.pl', 'onet.pl', 'interia.pl', 'gmail.com', 'o2.pl'],
  gb: ['gmail.com', 'hotmail.co.uk', 'btinternet.com', 'yahoo.co.uk', 'outlook.com'],
  fr: ['orange.fr', 'free.fr', 'gmail.com', 'laposte.net', 'sfr.fr'],
  ua: ['ukr.net', 'gmail.com', 'i.ua', 'meta.ua'],
  ru: ['mail.ru', 'yandex.ru', 'gmail.com', 'rambler.ru'],
};

/**
 * The shape of the identity-document number per nationality: `9` a digit, `A` a letter, `L` and `X`
 * a letter or a letter-or-digit from the German ID card alphabet, anything else literal. German ID cards avoid vowels and look-alikes; Dutch BSNs, Turkish
 * TC Kimlik and Polish PESEL numbers are all digits; Russian internal passports are series + number.
 */
const ID_PATTERNS: Record<Culture, string> = {
  de: 'LXXXXXXXX',
  nl: '999999999',
  it: 'AA99999AA',
  ro: '9999999999999',
  tr: '99999999999',
  pl: '99999999999',
  gb: '999999999',
  fr: '999999999999',
  ua: 'AA999999',
  ru: '9999 999999',
};

const ID_LETTERS = 'CFGHJKLMNPRTVWXYZ';
const ID_ALNUM = `${ID_LETTERS}0123456789`;

/** An identity-document number in the nationality's format (checksums not computed: it only has to look right). */
export function makeIdNumber(culture: Culture, rng: Rng): string {
  let out = '';
  for (const ch of ID_PATTERNS[culture]) {
    if (ch === '9') out += rng.digits(1);
    else if (ch === 'A') out += rng.chars(1, 'ABCDEFGHJKLMNPRSTUVWXYZ');
    else if (ch === 'L') out += rng.chars(1, ID_LETTERS);
    else if (ch === 'X') out += rng.chars(1, ID_ALNUM);
    else out += ch;
  }
  // A leading zero would be lost by spreadsheets and is not issued for these formats.
  return out.replace(/^0/, String(rng.int(1, 9)));
}
