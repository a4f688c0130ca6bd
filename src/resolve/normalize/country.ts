// Countries for matching: lower-case ISO 3166-1 alpha-2 as FtM writes them, from codes, alpha-3 codes or names.
import { cleanCountry } from '../../model/types.ts';
import { normalizeName } from './name.ts';

/**
 * ISO 3166-1 alpha-3 → alpha-2, as pairs `AAA:aa` (ISO 3166 Maintenance Agency, "Officially assigned codes"), plus
 * `XKX:xk` for Kosovo (the user-assigned code used by the EU and FtM).
 */
const ALPHA3 =
  'AFG:af ALA:ax ALB:al DZA:dz ASM:as AND:ad AGO:ao AIA:ai ATA:aq ATG:ag ARG:ar ARM:am ABW:aw AUS:au AUT:at AZE:az BHS:bs BHR:bh ' +
  'BGD:bd BRB:bb BLR:by BEL:be BLZ:bz BEN:bj BMU:bm BTN:bt BOL:bo BES:bq BIH:ba BWA:bw BVT:bv BRA:br IOT:io BRN:bn BGR:bg BFA:bf ' +
  'BDI:bi CPV:cv KHM:kh CMR:cm CAN:ca CYM:ky CAF:cf TCD:td CHL:cl CHN:cn CXR:cx CCK:cc COL:co COM:km COG:cg COD:cd COK:ck CRI:cr ' +
  'CIV:ci HRV:hr CUB:cu CUW:cw CYP:cy CZE:cz DNK:dk DJI:dj DMA:dm DOM:do ECU:ec EGY:eg SLV:sv GNQ:gq ERI:er EST:ee SWZ:sz ETH:et ' +
  'FLK:fk FRO:fo FJI:fj FIN:fi FRA:fr GUF:gf PYF:pf ATF:tf GAB:ga GMB:gm GEO:ge DEU:de GHA:gh GIB:gi GRC:gr GRL:gl GRD:gd GLP:gp ' +
  'GUM:gu GTM:gt GGY:gg GIN:gn GNB:gw GUY:gy HTI:ht HMD:hm VAT:va HND:hn HKG:hk HUN:hu ISL:is IND:in IDN:id IRN:ir IRQ:iq IRL:ie ' +
  'IMN:im ISR:il ITA:it JAM:jm JPN:jp JEY:je JOR:jo KAZ:kz KEN:ke KIR:ki PRK:kp KOR:kr KWT:kw KGZ:kg LAO:la LVA:lv LBN:lb LSO:ls ' +
  'LBR:lr LBY:ly LIE:li LTU:lt LUX:lu MAC:mo MKD:mk MDG:mg MWI:mw MYS:my MDV:mv MLI:ml MLT:mt MHL:mh MTQ:mq MRT:mr MUS:mu MYT:yt ' +
  'MEX:mx FSM:fm MDA:md MCO:mc MNG:mn MNE:me MSR:ms MAR:ma MOZ:mz MMR:mm NAM:na NRU:nr NPL:np NLD:nl NCL:nc NZL:nz NIC:ni NER:ne ' +
  'NGA:ng NIU:nu NFK:nf MNP:mp NOR:no OMN:om PAK:pk PLW:pw PSE:ps PAN:pa PNG:pg PRY:py PER:pe PHL:ph PCN:pn POL:pl PRT:pt PRI:pr ' +
  'QAT:qa REU:re ROU:ro RUS:ru RWA:rw BLM:bl SHN:sh KNA:kn LCA:lc MAF:mf SPM:pm VCT:vc WSM:ws SMR:sm STP:st SAU:sa SEN:sn SRB:rs ' +
  'SYC:sc SLE:sl SGP:sg SXM:sx SVK:sk SVN:si SLB:sb SOM:so ZAF:za SGS:gs SSD:ss ESP:es LKA:lk SDN:sd SUR:sr SJM:sj SWE:se CHE:ch ' +
  'SYR:sy TWN:tw TJK:tj TZA:tz THA:th TLS:tl TGO:tg TKL:tk TON:to TTO:tt TUN:tn TUR:tr TKM:tm TCA:tc TUV:tv UGA:ug UKR:ua ARE:ae ' +
  'GBR:gb USA:us UMI:um URY:uy UZB:uz VUT:vu VEN:ve VNM:vn VGB:vg VIR:vi WLF:wf ESH:eh YEM:ye ZMB:zm ZWE:zw XKX:xk';

export const ALPHA3_TO_ALPHA2: ReadonlyMap<string, string> = new Map(ALPHA3.split(' ').map((pair) => [pair.slice(0, 3), pair.slice(4)] as const));

/**
 * Names that neither ICU's display names nor the model know: ISO 3166 official short names ("Korea, Republic of"),
 * former and colloquial names (Burma, Swaziland, Holland, Ivory Coast), common abbreviations.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'korea, republic of': 'kr',
  'republic of korea': 'kr',
  "korea, democratic people's republic of": 'kp',
  "democratic people's republic of korea": 'kp',
  'russian federation': 'ru',
  'iran, islamic republic of': 'ir',
  'moldova, republic of': 'md',
  'tanzania, united republic of': 'tz',
  'venezuela, bolivarian republic of': 've',
  'bolivia, plurinational state of': 'bo',
  'syrian arab republic': 'sy',
  "lao people's democratic republic": 'la',
  'viet nam': 'vn',
  'taiwan, province of china': 'tw',
  'congo, the democratic republic of the': 'cd',
  'democratic republic of the congo': 'cd',
  'dr congo': 'cd',
  drc: 'cd',
  'republic of the congo': 'cg',
  'micronesia, federated states of': 'fm',
  'palestine, state of': 'ps',
  palestine: 'ps',
  'brunei darussalam': 'bn',
  'holy see': 'va',
  vatican: 'va',
  'hong kong': 'hk',
  macau: 'mo',
  macao: 'mo',
  turkey: 'tr',
  'czech republic': 'cz',
  swaziland: 'sz',
  macedonia: 'mk',
  'east timor': 'tl',
  'ivory coast': 'ci',
  'cabo verde': 'cv',
  burma: 'mm',
  myanmar: 'mm',
  holland: 'nl',
  britain: 'gb',
  uae: 'ae',
  'u s': 'us',
};

const LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pt', 'ru', 'uk', 'pl', 'tr'];
const MAX_LENGTH = 100;
const CACHE_MAX = 10_000;
const cache = new Map<string, string | null>();
let names: Map<string, string> | undefined;

/** Folds spelling: transliterated, `St.` = `Saint`, `and`/`&`/`the` ignored, spaces removed (`U.S.A.` = `USA`). */
function countryKey(s: string): string {
  let out = '';
  for (const t of normalizeName(s).split(' ')) {
    if (t === 'and' || t === 'the') continue;
    out += t === 'st' ? 'saint' : t;
  }
  return out;
}

// Built on first use: every region name ICU knows in the languages above, English first so it wins any clash.
function nameIndex(): Map<string, string> {
  if (names) return names;
  const map = new Map<string, string>();
  const add = (name: string | undefined, code: string) => {
    const key = name ? countryKey(name) : '';
    if (key.length > 3 && !map.has(key)) map.set(key, code);
  };
  const codes = [...ALPHA3_TO_ALPHA2.values()];
  for (const lang of LANGUAGES) {
    for (const style of ['long', 'short'] as const) {
      const dn = new Intl.DisplayNames([lang], { type: 'region', style, fallback: 'none' });
      for (const code of codes) add(dn.of(code.toUpperCase()), code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) map.set(countryKey(alias), code);
  names = map;
  return map;
}

/**
 * A country as FtM writes it: lower-case ISO 3166-1 alpha-2 (and FtM's own codes such as `xk`, `gb-sct`), from an
 * alpha-2 or alpha-3 code or a name in English, German, French, Dutch, Spanish, Italian, Portuguese, Russian,
 * Ukrainian, Polish or Turkish, written in any script. Reuses the model's `cleanCountry` first. Null when unknown.
 * @example normalizeCountry('DEU') // 'de'
 * @example normalizeCountry('Deutschland') // 'de'
 * @example normalizeCountry('Korea, Republic of') // 'kr'
 */
export function normalizeCountry(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) return null;
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const out = lookup(raw);
  if (cache.size >= CACHE_MAX) cache.clear(); // evicting one by one from a Map degrades to O(n) per eviction
  cache.set(raw, out);
  return out;
}

function lookup(raw: string): string | null {
  const direct = cleanCountry(raw);
  if (direct.ok) return direct.value;
  const key = countryKey(raw);
  if (key.length < 2) return null;
  if (key.length === 2) {
    const code = cleanCountry(key);
    return code.ok ? code.value : null;
  }
  if (key.length === 3) return ALPHA3_TO_ALPHA2.get(key.toUpperCase()) ?? null;
  return nameIndex().get(key) ?? null;
}
