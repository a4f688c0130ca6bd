/**
 * Romanisation of Cyrillic names as different agencies write them: Ukraine's passport standard (KMU 2010),
 * the Russian-style BGN/PCGN system, and German (Duden-like) spelling; plus diacritic folding for
 * Latin-script names. The differences (Oleksandr / Olexandr / Aleksandr) are what resolution must bridge.
 */

export type TranslitSystem = 'kmu' | 'bgn' | 'de';

type Table = Record<string, string>;

const COMMON: Table = {
  а: 'a',
  б: 'b',
  д: 'd',
  е: 'e',
  з: 'z',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  ь: '',
  ъ: '',
  "'": '',
  '’': '',
  ʼ: '',
};

/** Ukraine's official passport romanisation (Cabinet of Ministers resolution 55, 2010). */
const KMU: Table = {
  ...COMMON,
  в: 'v',
  г: 'h',
  ґ: 'g',
  є: 'ie',
  ж: 'zh',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ю: 'iu',
  я: 'ia',
  ё: 'io',
  ы: 'y',
  э: 'e',
};
/** KMU 2010 writes these differently at the start of a word. */
const KMU_INITIAL: Table = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

/** BGN/PCGN-style romanisation as used for Russian (and by many Russian-speaking registrars). */
const BGN: Table = {
  ...COMMON,
  в: 'v',
  г: 'g',
  ґ: 'g',
  є: 'ye',
  ж: 'zh',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ю: 'yu',
  я: 'ya',
  ё: 'yo',
  ы: 'y',
  э: 'e',
};

/** German transcription (Duden): w for в, sch for ш, tsch for ч, z for ц, j-forms for iotated vowels. */
const DE: Table = {
  ...COMMON,
  в: 'w',
  г: 'h',
  ґ: 'g',
  є: 'je',
  ж: 'sh',
  и: 'y',
  і: 'i',
  ї: 'ji',
  й: 'j',
  х: 'ch',
  ц: 'z',
  ч: 'tsch',
  ш: 'sch',
  щ: 'schtsch',
  ю: 'ju',
  я: 'ja',
  ё: 'jo',
  ы: 'y',
  э: 'e',
  з: 's',
};

const TABLES: Record<TranslitSystem, Table> = { kmu: KMU, bgn: BGN, de: DE };

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);

/**
 * Romanises a Cyrillic string in the given system, keeping capitalisation and any Latin characters.
 * `russian` switches г to g for Russian names under the German system (Russian г is a g, Ukrainian a h).
 * @example transliterate('Олександр', 'kmu') // 'Oleksandr'; transliterate('Олександр', 'de') // 'Olexandr'
 */
export function transliterate(text: string, system: TranslitSystem, russian = false): string {
  const table = TABLES[system];
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const lower = ch.toLowerCase();
    const upper = ch !== lower;
    const initial = !isLetter(chars[i - 1]);
    let rep: string | undefined;
    if (system === 'kmu' && lower === 'з' && chars[i + 1]?.toLowerCase() === 'г') rep = 'zgh';
    else if (system === 'de' && lower === 'к' && chars[i + 1]?.toLowerCase() === 'с') rep = 'x';
    else if (system === 'kmu' && initial && KMU_INITIAL[lower] !== undefined) rep = KMU_INITIAL[lower];
    else if (system === 'bgn' && initial && lower === 'е') rep = 'ye';
    else if (system === 'de' && russian && lower === 'г') rep = 'g';
    else rep = table[lower];
    if (rep === undefined) {
      out += ch;
      continue;
    }
    if (rep === 'zgh' || rep === 'x') i++; // the digraph consumed the next letter
    out += upper && rep.length > 0 ? rep[0]!.toUpperCase() + rep.slice(1) : rep;
  }
  return out;
}

/** True when the text contains Cyrillic letters. */
export function isCyrillic(text: string): boolean {
  return /\p{Script=Cyrillic}/u.test(text);
}

const GERMAN_FOLD: Table = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };

/** Removes diacritics (`Ștefănescu` → `Stefanescu`); with `german`, umlauts become ae/oe/ue. */
export function foldDiacritics(text: string, german = false): string {
  let s = text;
  if (german) s = s.replace(/[äöüßÄÖÜ]/g, (c) => GERMAN_FOLD[c] ?? c);
  return s.replace(/ı/g, 'i').replace(/İ/g, 'I').replace(/đ/g, 'dj').replace(/Đ/g, 'Dj').normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}
