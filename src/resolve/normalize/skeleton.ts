// Romanisation-folding skeleton of one name token, so one Slavic, Arabic, German or Dutch name romanised by different conventions meets.
import { normalizeName } from './name.ts';

/**
 * Consonant spellings folded to one form, longest first (a regex alternation tries them left to right). Each row
 * names the convention it reconciles; upper-case letters are internal units for the digraphs, so that later steps
 * (doubled letters, vowels) never split them.
 *
 * | spellings              | unit | why                                                                                |
 * | ---------------------- | ---- | ---------------------------------------------------------------------------------- |
 * | shch, schtsch, szcz    | Q    | щ: KMU 2010 / BGN/PCGN `shch`, Duden `schtsch`, Polish `szcz`                        |
 * | tsch, tch, ch, cz      | C    | ч: KMU/BGN `ch`, Duden `tsch`, French `tch`, Polish `cz`                              |
 * | sch, sh, sz            | S    | ш: KMU/BGN `sh`, Duden `sch`, Polish `sz`                                             |
 * | zh                     | Z    | ж (KMU/BGN); kept apart from `sh`                                                    |
 * | kh                     | K    | х (KMU/BGN); kept apart: German `ch` for х cannot be told from English `ch` for ч   |
 * | ph → f, ck → k, q → k  |      | Greek-derived `ph`, German `ck`, Arabic ق written `q` or `k` (Qasim/Kasim)         |
 * | x → ks                 |      | `Olexandr` = `Oleksandr` (KMU writes кс as `ks`)                                   |
 * | w → v                  |      | в: Duden and Polish `w`, KMU/BGN `v` (`Kowalenko` = `Kovalenko`)                   |
 */
const CONSONANTS = /schtsch|shch|szcz|tsch|sch|tch|sh|sz|ch|cz|zh|kh|ph|ck|x|w|q/g;
const CONSONANT_MAP: Readonly<Record<string, string>> = {
  schtsch: 'Q',
  shch: 'Q',
  szcz: 'Q',
  tsch: 'C',
  tch: 'C',
  ch: 'C',
  cz: 'C',
  sch: 'S',
  sh: 'S',
  sz: 'S',
  zh: 'Z',
  kh: 'K',
  ph: 'f',
  ck: 'k',
  x: 'ks',
  w: 'v',
  q: 'k',
};
const UNITS: Readonly<Record<string, string>> = { Q: 'shch', C: 'ch', S: 'sh', Z: 'zh', K: 'kh' };

/**
 * Vowel spellings folded, in this order:
 * 1. final `iy`, `ij`, `y` → `i` (й at the end: KMU `Yuriy`, Duden/Dutch `Jurij`, BGN `Yury`).
 * 2. `ij` → `y` (Dutch ij: `Dijkstra` = `Dykstra`), then `j` → `y`. **Careful**: `j` is the y-sound in German,
 *    Dutch, Scandinavian and every Slavic romanisation by Duden (`Juri` = `Yuri`), but the English/French j-sound
 *    elsewhere (`John`, `Jamal`); folding it is right for the former and harmless for the latter because both
 *    sides of a comparison fold the same way. The cost is that `Jan` meets the (unrelated) Chinese `Yan`.
 * 3. `ou`, `oo` → `u` (French/English `ou` for у and Arabic ū: `Youssef`, `Mahmoud`); `ie`, `iy`, `yi` → `i`
 *    (German `ie`, Ukrainian `iy`/`yi`); `y` not before a vowel → `i` (`Tymoshenko` = `Timoshenko`).
 * 4. doubled letters → one (`Hassan` = `Hasan`, `Janssen` = `Jansen`).
 * 5. diphthongs whose second vowel is a spelling variant collapse to their first vowel: `ae`/`ai` → `a`, `ei` →
 *    `e`, `oe` → `o`, `ue` → `u` (German umlauts written out: `Mueller` = `Müller`; Arabic ay: `Husain` = `Hussein`).
 *    Other vowel pairs (`ia`, `io`, `ua`) are two syllables and stay, so `Maria` ≠ `Mario`.
 * 6. vowel classes: `e` → `a`, `o` → `u`. Arabic short vowels are romanised either way (fatha a/e: `Ahmad`/`Ahmed`;
 *    damma u/o: `Muhammad`/`Mohammed`, `Umar`/`Omar`; ALA-LC and BGN/PCGN write a and u, French and colloquial
 *    usage e and o). `i` and `u` stay apart, so `Muller` ≠ `Miller`. Accepted collisions: `Jansen`/`Jensen`,
 *    `Peter`/`Pater`.
 */
const VOWEL_RUNS: Readonly<Record<string, string>> = { ae: 'a', ai: 'a', ei: 'e', oe: 'o', ue: 'u' };

/**
 * A romanisation-folding key for one normalised name token (see the rule tables above). Input that is not a
 * normalised token is normalised first (spaces dropped). Deliberately not phonetic: use `phoneticKeys` for that.
 * @example nameSkeleton('shevchenko') === nameSkeleton('schewtschenko') // 'shavchanku'
 * @example nameSkeleton('mohammed') === nameSkeleton('muhammad') // 'muhamad'
 */
export function nameSkeleton(token: string): string {
  if (typeof token !== 'string') return '';
  let s = /^[a-z0-9]*$/.test(token) ? token : normalizeName(token).replace(/ /g, '');
  if (s === '') return '';
  s = s.replace(CONSONANTS, (m) => CONSONANT_MAP[m]);
  s = s.replace(/(?:iy|ij|y)$/, 'i');
  s = s.replace(/ij/g, 'y').replace(/j/g, 'y');
  s = s.replace(/ou|oo/g, 'u').replace(/ie|iy|yi/g, 'i');
  s = s.replace(/y(?![aeiou])/g, 'i');
  s = s.replace(/(.)\1+/g, '$1');
  s = s.replace(/ae|ai|ei|oe|ue/g, (m) => VOWEL_RUNS[m]);
  s = s.replace(/e/g, 'a').replace(/o/g, 'u');
  return s.replace(/[QCSZK]/g, (m) => UNITS[m]);
}
