// Company legal forms: finds and removes the form (GmbH, B.V., ООО …) from a company name, and names it by a canonical key.
import { normalizeName } from './name.ts';

/** A company name without its legal form, and the form's canonical key (null when none was found). */
export interface LegalFormSplit {
  name: string;
  form: string | null;
}

/**
 * Legal forms: canonical key, where the form is written, and its spellings. Abbreviations and full names follow the
 * ISO 20275 Entity Legal Forms code list (GLEIF ELF, "Abbreviations local language" and "Entity legal form name"
 * columns) for the jurisdictions analysts meet most; `both` marks forms that are customarily written before the
 * name as well (CIS, Baltic, Nordic, Indonesian usage, and English renderings of CIS forms such as `LLC Romashka`).
 * Spellings are compared after `normalizeName` with the spaces removed, so `B.V.`, `BV` and `b v` are one spelling,
 * and Cyrillic forms match before and after transliteration. Keys are shared where one abbreviation serves several
 * jurisdictions (`as`: Norwegian/Danish AS, Czech/Slovak a.s., Estonian AS, Turkish A.Ş.); comparing keys is
 * meaningful within a jurisdiction. Plain `IP` (ИП, sole trader) is left out: it is too common as a name word.
 */
// prettier-ignore
const FORMS: readonly (readonly [key: string, where: 'end' | 'both', spellings: string])[] = [
  // Germany, Austria, Switzerland
  ['gmbh', 'end', 'GmbH | gGmbH | Gesellschaft mit beschränkter Haftung'],
  ['mbh', 'end', 'mbH'],
  ['ag', 'end', 'AG | Aktiengesellschaft'],
  ['kg', 'end', 'KG | Kommanditgesellschaft'],
  ['kgaa', 'end', 'KGaA | Kommanditgesellschaft auf Aktien'],
  ['ohg', 'end', 'OHG | offene Handelsgesellschaft'],
  ['ug', 'end', 'UG (haftungsbeschränkt) | UG | Unternehmergesellschaft (haftungsbeschränkt)'],
  ['ek', 'end', 'e.K. | e.Kfm. | e.Kfr. | eingetragener Kaufmann | eingetragene Kauffrau'],
  ['gmbhcokg', 'end', 'GmbH & Co. KG | GmbH und Co. KG | GmbH u. Co. KG'],
  ['gmbhcokgaa', 'end', 'GmbH & Co. KGaA'],
  ['agcokg', 'end', 'AG & Co. KG'],
  ['ugcokg', 'end', 'UG (haftungsbeschränkt) & Co. KG | UG & Co. KG'],
  ['gbr', 'end', 'GbR | Gesellschaft bürgerlichen Rechts'],
  ['ev', 'end', 'e.V. | eingetragener Verein'],
  ['eg', 'end', 'eG | eingetragene Genossenschaft'],
  // United Kingdom, Ireland, United States, Commonwealth
  ['ltd', 'end', 'Ltd | Limited | Co. Ltd | Company Limited'],
  ['plc', 'end', 'PLC | Public Limited Company'],
  ['llc', 'both', 'LLC | L.L.C. | Limited Liability Company'],
  ['llp', 'end', 'LLP | Limited Liability Partnership'],
  ['lp', 'end', 'LP | Limited Partnership'],
  ['inc', 'end', 'Inc | Incorporated'],
  ['corp', 'end', 'Corp | Corporation'],
  ['co', 'end', 'Co | Company'],
  ['pty', 'end', 'Pty'],
  ['ptyltd', 'end', 'Pty Ltd | Pty Limited | Proprietary Limited | Ltd (Pty)'],
  ['pteltd', 'end', 'Pte Ltd | Pte Limited'],
  ['pvtltd', 'end', 'Pvt Ltd | Private Limited'],
  ['sdnbhd', 'end', 'Sdn Bhd | Sendirian Berhad'],
  ['bhd', 'end', 'Bhd | Berhad'],
  ['tbk', 'end', 'Tbk | Terbuka'],
  ['pt', 'both', 'PT | Perseroan Terbatas'],
  ['kk', 'end', 'K.K. | Kabushiki Kaisha'],
  // Netherlands, Belgium
  ['bv', 'end', 'B.V. | Besloten Vennootschap | Besloten vennootschap met beperkte aansprakelijkheid'],
  ['nv', 'end', 'N.V. | Naamloze Vennootschap'],
  ['vof', 'end', 'V.O.F. | Vennootschap onder firma'],
  ['cv', 'end', 'C.V. | Commanditaire Vennootschap'],
  ['bvba', 'end', 'BVBA'],
  ['sprl', 'end', 'SPRL'],
  // France, Luxembourg, Spain, Portugal, Italy, Latin America
  ['sa', 'end', 'S.A. | Société Anonyme | Sociedad Anónima | Sociedade Anónima | Spółka Akcyjna'],
  ['sas', 'end', 'S.A.S. | Société par actions simplifiée'],
  ['sasu', 'end', 'S.A.S.U.'],
  ['sarl', 'end', 'S.A.R.L. | S.à r.l. | Société à responsabilité limitée'],
  ['eurl', 'end', 'EURL'],
  ['snc', 'end', 'S.N.C. | Société en nom collectif'],
  ['spa', 'end', 'S.p.A. | Società per azioni'],
  ['srl', 'end', 'S.r.l. | Società a responsabilità limitata | Societate cu răspundere limitată'],
  ['srls', 'end', 'S.r.l.s.'],
  ['sl', 'end', 'S.L. | Sociedad Limitada | Sociedad de Responsabilidad Limitada'],
  ['slu', 'end', 'S.L.U.'],
  ['sau', 'end', 'S.A.U.'],
  ['lda', 'end', 'Lda | Limitada'],
  ['ltda', 'end', 'Ltda'],
  ['sadecv', 'end', 'S.A. de C.V.'],
  ['sderl', 'end', 'S. de R.L. | S. de R.L. de C.V.'],
  // Nordic countries
  ['oy', 'both', 'Oy | Osakeyhtiö'],
  ['oyj', 'both', 'Oyj | Julkinen osakeyhtiö'],
  ['ab', 'both', 'AB | AB (publ) | Aktiebolag | Akcinė bendrovė'],
  ['as', 'both', 'AS | A/S | A.Ş. | Aksjeselskap | Aktieselskab | Akciová společnost | Aktsiaselts | Anonim Şirketi'],
  ['asa', 'end', 'ASA | Allmennaksjeselskap'],
  ['aps', 'end', 'ApS | Anpartsselskab'],
  ['ehf', 'end', 'ehf. | Einkahlutafélag'],
  ['hf', 'end', 'hf.'],
  // Baltic states, Central and South-Eastern Europe
  ['uab', 'both', 'UAB | Uždaroji akcinė bendrovė'],
  ['sia', 'both', 'SIA | Sabiedrība ar ierobežotu atbildību'],
  ['ou', 'both', 'OÜ | Osaühing'],
  ['kft', 'end', 'Kft. | Korlátolt felelősségű társaság'],
  ['zrt', 'end', 'Zrt.'],
  ['nyrt', 'end', 'Nyrt.'],
  ['bt', 'end', 'Bt.'],
  ['spzoo', 'end', 'Sp. z o.o. | Spółka z ograniczoną odpowiedzialnością'],
  ['spk', 'end', 'Sp.k. | Spółka komandytowa'],
  ['sro', 'end', 's.r.o. | spol. s r.o. | Společnost s ručením omezeným | Spoločnosť s ručením obmedzeným'],
  ['doo', 'end', 'd.o.o. | Društvo s ograničenom odgovornošću'],
  ['dd', 'end', 'd.d. | Dioničko društvo'],
  ['ad', 'end', 'A.D.'],
  ['ood', 'end', 'OOD | ООД'],
  ['eood', 'end', 'EOOD | ЕООД'],
  // Russia, Ukraine, Belarus, Kazakhstan (Cyrillic spellings; any-ascii gives the Latin ones)
  ['ooo', 'both', 'ООО | Общество с ограниченной ответственностью'],
  ['zao', 'both', 'ЗАО | Закрытое акционерное общество'],
  ['oao', 'both', 'ОАО | Открытое акционерное общество'],
  ['pao', 'both', 'ПАО | Публичное акционерное общество'],
  ['ao', 'both', 'АО | Акционерное общество'],
  ['tov', 'both', 'ТОВ | Товариство з обмеженою відповідальністю'],
  ['pp', 'both', 'ПП | Приватне підприємство'],
  ['pat', 'both', 'ПАТ | Публічне акціонерне товариство'],
  ['prat', 'both', 'ПрАТ | Приватне акціонерне товариство'],
  ['too', 'both', 'ТОО | Товарищество с ограниченной ответственностью'],
  ['jsc', 'both', 'JSC | Joint Stock Company'],
  ['ojsc', 'both', 'OJSC | Open Joint Stock Company'],
  ['cjsc', 'both', 'CJSC | Closed Joint Stock Company'],
  ['pjsc', 'both', 'PJSC | Public Joint Stock Company'],
  // Türkiye, Gulf free zones
  ['ltdsti', 'end', 'Ltd. Şti. | Limited Şirketi'],
  ['fze', 'end', 'FZE | Free Zone Establishment'],
  ['fzco', 'end', 'FZCO | Free Zone Company'],
  ['fzc', 'end', 'FZC'],
  ['fzllc', 'end', 'FZ-LLC | FZ LLC'],
  ['dmcc', 'end', 'DMCC'],
  ['wll', 'end', 'W.L.L. | With Limited Liability'],
];

// Spellings by their compact form, for the end of a name (any run of trailing tokens may spell one: `s a r l`).
const AT_END = new Map<string, string>();
// Spellings by their token sequences, for the start of a name: whole tokens only, so `A.O. Smith` keeps its initials.
const AT_START: { tokens: string[]; key: string }[] = [];
let maxTokens = 1;
for (const [key, where, spellings] of FORMS) {
  for (const spelling of spellings.split(' | ')) {
    const tokens = normalizeName(spelling).split(' ');
    maxTokens = Math.max(maxTokens, tokens.length);
    if (!AT_END.has(tokens.join(''))) AT_END.set(tokens.join(''), key);
    if (where !== 'both') continue;
    AT_START.push({ tokens: [tokens.join('')], key });
    // Spelled-out words only: dotted initials at the start are more often a person's (`A.S. Watson`) than a form.
    if (tokens.length > 1 && tokens.some((t) => t.length >= 3)) AT_START.push({ tokens, key });
  }
}
// Try the longest spelling first, so `Ltd (Pty)` wins over `Pty`.
AT_START.sort((a, b) => b.tokens.length - a.tokens.length);
// Conjunctions left dangling when `& Co` / `and Company` is removed.
const DANGLING = new Set(['and', 'und', 'et']);

/**
 * Removes a company's legal form from the end and/or the start of its name (with or without dots and spaces) and
 * returns the normalised rest with the form's canonical key; when both ends carry one, the key of the end is
 * returned. A name that would be left empty (`GmbH` alone) is kept whole, with form null.
 * @example stripLegalForm('Siemens Aktiengesellschaft') // { name: 'siemens', form: 'ag' }
 * @example stripLegalForm('ООО "Ромашка"') // { name: 'romashka', form: 'ooo' }
 * @example stripLegalForm('Müller GmbH & Co. KG') // { name: 'muller', form: 'gmbhcokg' }
 */
export function stripLegalForm(name: string): LegalFormSplit {
  const norm = normalizeName(name);
  if (norm === '') return { name: '', form: null };
  let tokens = norm.split(' ');
  let endForm: string | null = null;
  for (let k = Math.min(maxTokens, tokens.length - 1); k >= 1; k--) {
    const key = AT_END.get(tokens.slice(tokens.length - k).join(''));
    if (key !== undefined) {
      endForm = key;
      tokens = tokens.slice(0, tokens.length - k);
      while (tokens.length > 1 && DANGLING.has(tokens[tokens.length - 1])) tokens.pop();
      break;
    }
  }
  let startForm: string | null = null;
  for (const { tokens: spelled, key } of AT_START) {
    if (spelled.length < tokens.length && spelled.every((t, i) => tokens[i] === t)) {
      startForm = key;
      tokens = tokens.slice(spelled.length);
      break;
    }
  }
  return { name: tokens.join(' '), form: endForm ?? startForm };
}
