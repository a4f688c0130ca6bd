/**
 * Handling and reliability markings of threat-intel formats, read into Corvid's vocabularies: STIX
 * TLP marking definitions (1.0 and 2.0) and MISP machine tags (`tlp:`, `admiralty-scale:`).
 */
import { parseGrading, parseTlp, tlpLevel, type Grading, type Tlp } from '../../model/handling.ts';

/** The fixed ids of the TLP 1.0 marking definitions in STIX 2.1 (specification, section 7.2.1.4). */
export const STIX_TLP1_MARKINGS: Readonly<Record<string, Tlp>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'CLEAR', // TLP:WHITE
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'GREEN',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'AMBER',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'RED',
};

/** The fixed ids of the TLP 2.0 marking definitions (OASIS extension-definition--60a3c5c5-…). */
export const STIX_TLP2_MARKINGS: Readonly<Record<string, Tlp>> = {
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'CLEAR',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'GREEN',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'AMBER',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'AMBER+STRICT',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'RED',
};

/** The id of the OASIS TLP 2.0 extension definition, whose property `tlp_2_0` names the level. */
export const STIX_TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The more restrictive of two TLP labels (undefined counts as no label). */
export function stricterTlp(a: Tlp | undefined, b: Tlp | undefined): Tlp | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return tlpLevel(a) >= tlpLevel(b) ? a : b;
}

/** Parses a TLP label, or undefined when it is not one (never throws: markings are data). */
export function tryTlp(label: string): Tlp | undefined {
  try {
    return parseTlp(label);
  } catch {
    return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The TLP a STIX marking-definition object states, whatever its id: TLP 1.0 style
 * (`definition_type: "tlp"`, `definition.tlp`) or TLP 2.0 style (the extension's `tlp_2_0`, or a
 * `name`/`definition_type` of `TLP:…`). Undefined for other markings (statements, copyright).
 */
export function tlpOfMarkingDefinition(obj: Record<string, unknown>): Tlp | undefined {
  const id = typeof obj.id === 'string' ? obj.id : '';
  const known = STIX_TLP1_MARKINGS[id] ?? STIX_TLP2_MARKINGS[id];
  if (known) return known;
  if (obj.definition_type === 'tlp' && isRecord(obj.definition) && typeof obj.definition.tlp === 'string') return tryTlp(obj.definition.tlp);
  const ext = isRecord(obj.extensions) ? obj.extensions[STIX_TLP2_EXTENSION] : undefined;
  if (isRecord(ext) && typeof ext.tlp_2_0 === 'string') return tryTlp(ext.tlp_2_0);
  for (const label of [obj.name, obj.definition_type]) {
    if (typeof label === 'string' && /^tlp:/i.test(label)) return tryTlp(label);
  }
  return undefined;
}

/**
 * The TLP of a STIX object from its `object_marking_refs`: the well-known TLP ids, plus TLP marking
 * definitions met earlier in the same bundle (`known`). Several TLP markings → the most restrictive.
 */
export function tlpOfMarkingRefs(refs: unknown, known?: ReadonlyMap<string, Tlp>): Tlp | undefined {
  if (!Array.isArray(refs)) return undefined;
  let out: Tlp | undefined;
  for (const ref of refs) {
    if (typeof ref !== 'string') continue;
    out = stricterTlp(out, STIX_TLP1_MARKINGS[ref] ?? STIX_TLP2_MARKINGS[ref] ?? known?.get(ref));
  }
  return out;
}

/** A MISP tag, read as Corvid handling, reliability or a plain keyword. */
export type MispTagMeaning =
  | { kind: 'tlp'; tlp: Tlp }
  | { kind: 'source-reliability'; code: string }
  | { kind: 'information-credibility'; code: string }
  | { kind: 'keyword'; keyword: string };

/** Splits a machine tag `namespace:predicate="value"` into its parts (value without quotes). */
function machineTag(name: string): { ns: string; predicate: string; value: string | undefined } | undefined {
  const m = /^([^:=\s]+):([^=]+?)(?:="?([^"]*)"?)?$/.exec(name.trim());
  if (!m) return undefined;
  return { ns: m[1]!.toLowerCase(), predicate: m[2]!.trim().toLowerCase(), value: m[3]?.trim() };
}

/**
 * What a MISP tag means to Corvid (taxonomies in shared/reference/misp-taxonomies): `tlp:amber` and
 * TLP 2.0 `tlp:clear`/`tlp:amber+strict` set the TLP; `tlp:ex:chr` and `tlp:unclear` are not levels and
 * stay keywords; `admiralty-scale:source-reliability="b"` and `…:information-credibility="2"` give the
 * grading; every other tag is a keyword.
 */
export function readMispTag(name: string): MispTagMeaning {
  const t = machineTag(name);
  if (t?.ns === 'tlp' && t.value === undefined) {
    const tlp = tryTlp(t.predicate);
    if (tlp) return { kind: 'tlp', tlp };
  }
  if (t?.ns === 'admiralty-scale' && t.value !== undefined) {
    const code = t.value.toUpperCase();
    if (t.predicate === 'source-reliability' && /^[A-G]$/.test(code)) return { kind: 'source-reliability', code };
    if (t.predicate === 'information-credibility' && /^[1-6]$/.test(code)) return { kind: 'information-credibility', code };
  }
  return { kind: 'keyword', keyword: name.trim() };
}

/**
 * The Corvid grading of an Admiralty source reliability (A–G) and information credibility (1–6),
 * either of which may be missing (then "cannot be judged": F or 6). G ("deliberately deceptive") has no
 * Europol equivalent; it becomes C, the least reliable source Europol's scale can state.
 * @example gradingFromAdmiralty('B', '2') // 'B2'; gradingFromAdmiralty('E', undefined) // 'C4'
 */
export function gradingFromAdmiralty(source: string | undefined, info: string | undefined): Grading | undefined {
  if (source === undefined && info === undefined) return undefined;
  const s = source === undefined ? 'F' : source === 'G' ? 'E' : source;
  try {
    return parseGrading(`adm:${s}${info ?? '6'}`);
  } catch {
    return undefined;
  }
}

/** Handling and keywords read from a list of MISP tags. */
export interface MispTagSummary {
  tlp?: Tlp;
  grading?: Grading;
  keywords: string[];
}

/**
 * Reads a MISP `Tag` array (`[{ "name": "tlp:amber" }, …]`). Several TLP tags → the most restrictive;
 * several Admiralty codes of one kind → the last one.
 */
export function summariseMispTags(tags: unknown): MispTagSummary {
  const out: MispTagSummary = { keywords: [] };
  if (!Array.isArray(tags)) return out;
  let source: string | undefined;
  let info: string | undefined;
  for (const tag of tags) {
    const name = isRecord(tag) ? tag.name : undefined;
    if (typeof name !== 'string' || name.trim() === '') continue;
    const meaning = readMispTag(name);
    if (meaning.kind === 'tlp') out.tlp = stricterTlp(out.tlp, meaning.tlp);
    else if (meaning.kind === 'source-reliability') source = meaning.code;
    else if (meaning.kind === 'information-credibility') info = meaning.code;
    else out.keywords.push(meaning.keyword);
  }
  const grading = gradingFromAdmiralty(source, info);
  if (grading) out.grading = grading;
  return out;
}
