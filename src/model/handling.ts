/**
 * Handling and reliability vocabularies: TLP 2.0 (ordered, governs sharing), Europol handling codes
 * H0–H3 (use restrictions, not ordered), compartments (need to know), and source gradings
 * (Europol 4x4, with the Admiralty 6x6 mapped onto it). See shared/docs/domain.md.
 */
import { ValidationError } from '../errors.ts';

/** TLP 2.0 labels in their order, least restrictive first. Stored as the index (0–4). */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];
export type TlpLevel = 0 | 1 | 2 | 3 | 4;

/** Parses a TLP label in any common spelling (`tlp:amber+strict`, `TLP:WHITE` = CLEAR, `amber`). */
export function parseTlp(input: string): Tlp {
  const s = input.trim().toUpperCase().replace(/^TLP[:\s-]*/, '').replace(/\s+/g, '');
  if (s === 'WHITE') return 'CLEAR'; // TLP 1.0 name for CLEAR
  const hit = TLP_LEVELS.find((t) => t === s);
  if (!hit) throw new ValidationError('CORVID_ERR_MODEL_INVALID_HANDLING', `unknown TLP label: ${input}`);
  return hit;
}

export function tlpLevel(tlp: Tlp): TlpLevel {
  return TLP_LEVELS.indexOf(tlp) as TlpLevel;
}

export function tlpFromLevel(level: number): Tlp {
  const t = TLP_LEVELS[level];
  if (t === undefined) throw new ValidationError('CORVID_ERR_MODEL_INVALID_HANDLING', `no TLP level ${level}`);
  return t;
}

/** Europol handling codes. H3 carries free text (kept in `handlingNote`). */
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];

export function parseHandlingCode(input: string): HandlingCode {
  const s = input.trim().toUpperCase();
  const hit = HANDLING_CODES.find((h) => h === s);
  if (!hit) throw new ValidationError('CORVID_ERR_MODEL_INVALID_HANDLING', `unknown Europol handling code: ${input} (H0, H1, H2 or H3)`);
  return hit;
}

/** The handling a value carries: compartment ('' = none), TLP, Europol code and H3 text. */
export interface Handling {
  compartment: string;
  tlp: Tlp;
  handling: HandlingCode;
  handlingNote: string;
}

export const DEFAULT_HANDLING: Handling = { compartment: '', tlp: 'AMBER', handling: 'H0', handlingNote: '' };

const COMPARTMENT_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function parseCompartment(input: string): string {
  const s = input.trim().toLowerCase();
  if (s === '') return '';
  if (!COMPARTMENT_RE.test(s)) {
    throw new ValidationError('CORVID_ERR_MODEL_INVALID_HANDLING', `invalid compartment name: ${input} (lower-case letters, digits, . _ -)`);
  }
  return s;
}

/** Europol 4x4 source reliability and information assessment, written together like `B2`. */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'X'] as const;
export const INFORMATION_ASSESSMENT = ['1', '2', '3', '4'] as const;
export type Grading = `${(typeof SOURCE_RELIABILITY)[number]}${(typeof INFORMATION_ASSESSMENT)[number]}`;

export const DEFAULT_GRADING: Grading = 'X4';

/**
 * Parses a grading. Europol 4x4 codes pass through; Admiralty 6x6 codes (`adm:B3`, or letters D–F /
 * digits 5–6 which only the 6x6 has) are mapped: A→A, B→B, C/D/E→C, F→X; 1→1, 2→2, 3→3 (possibly
 * true ~ corroborated), 4/5/6→4. A bare code valid in both scales is read as Europol 4x4.
 */
export function parseGrading(input: string): Grading {
  const raw = input.trim().toUpperCase();
  const admiraltyPrefix = /^(ADM|ADMIRALTY|NATO)[:\s-]*/.exec(raw);
  const s = raw.replace(/^(ADM|ADMIRALTY|NATO|EUROPOL|4X4)[:\s-]*/, '');
  const m = /^([A-FX])\s*([1-6])$/.exec(s);
  if (!m) throw new ValidationError('CORVID_ERR_MODEL_INVALID_GRADING', `invalid grading: ${input} (Europol 4x4 like B2, or Admiralty like adm:C3)`);
  let [, src, info] = m as unknown as [string, string, string];
  const admiralty = admiraltyPrefix !== null || 'DEF'.includes(src) || '56'.includes(info);
  if (admiralty) {
    src = src === 'A' || src === 'B' ? src : src === 'F' || src === 'X' ? 'X' : 'C';
    info = info === '1' || info === '2' || info === '3' ? info : '4';
  }
  return `${src}${info}` as Grading;
}
