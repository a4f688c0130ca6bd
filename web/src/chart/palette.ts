/**
 * Colours, shapes and sizes of the link chart. Categorical colours are Okabe & Ito's colour-blind-safe
 * palette (Okabe & Ito 2008, "Color Universal Design"); shapes repeat the schema so colour is never the
 * only cue.
 */

/** Okabe–Ito, in an order that keeps neighbouring categories far apart (black left out: it is the text colour). */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'] as const;

/** Colour of everything beyond the palette ("other") and of nodes without a value. */
export const OTHER_COLOUR = '#8c8c8c';
export const GROUP_COLOUR = '#3d3d3d';
export const DIMMED_COLOUR = '#d5d8dc';
export const SELECTION_COLOUR = '#0b57d0';
export const PATH_COLOUR = '#D55E00';

export type NodeShape = 'circle' | 'square' | 'diamond' | 'triangle';

interface SchemaStyle {
  colour: string;
  shape: NodeShape;
  /** The legend's name for the family of schemata. */
  family: string;
}

const FAMILIES: { match: RegExp; style: SchemaStyle }[] = [
  { match: /^Person$/, style: { colour: '#0072B2', shape: 'circle', family: 'Person' } },
  { match: /^(Company|Organization|LegalEntity|PublicBody)$/, style: { colour: '#D55E00', shape: 'square', family: 'Company / organisation' } },
  { match: /(Account|Wallet|Security)$/, style: { colour: '#009E73', shape: 'diamond', family: 'Account / wallet' } },
  { match: /^(Address|Phone|Email|Identification|Passport)$/, style: { colour: '#E69F00', shape: 'triangle', family: 'Identifier / address' } },
  { match: /^(Vehicle|Vessel|Airplane|RealEstate|Asset)$/, style: { colour: '#CC79A7', shape: 'diamond', family: 'Asset' } },
];

const DEFAULT_STYLE: SchemaStyle = { colour: OTHER_COLOUR, shape: 'triangle', family: 'Other' };

/** The colour, shape and legend family of an FtM schema. */
export function schemaStyle(schema: string): SchemaStyle {
  return FAMILIES.find((f) => f.match.test(schema))?.style ?? DEFAULT_STYLE;
}

/** Legend rows for the schema colouring, in palette order, limited to the families present. */
export function schemaLegend(schemata: Iterable<string>): { label: string; colour: string; shape: NodeShape }[] {
  const present = new Set<string>();
  for (const s of schemata) present.add(schemaStyle(s).family);
  return [...FAMILIES.map((f) => f.style), DEFAULT_STYLE].filter((s) => present.has(s.family)).map((s) => ({ label: s.family, colour: s.colour, shape: s.shape }));
}

/**
 * Colours for communities: the largest ones get the palette, the rest share grey, so a chart with
 * 40 small communities stays readable.
 * @example communityColours({ a: 0, b: 0, c: 1 }).colourOf(0) === '#0072B2'
 */
export function communityColours(communities: Record<string, number>): { colourOf(c: number | undefined): string; legend: { community: number; size: number; colour: string }[]; others: number } {
  const sizes = new Map<number, number>();
  for (const c of Object.values(communities)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const ranked = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const colours = new Map<number, string>();
  ranked.slice(0, OKABE_ITO.length).forEach(([c], i) => colours.set(c, OKABE_ITO[i]));
  return {
    colourOf: (c) => (c === undefined ? OTHER_COLOUR : (colours.get(c) ?? OTHER_COLOUR)),
    legend: ranked.slice(0, OKABE_ITO.length).map(([community, size], i) => ({ community, size, colour: OKABE_ITO[i] })),
    others: ranked.slice(OKABE_ITO.length).reduce((n, [, size]) => n + size, 0),
  };
}

export const MIN_NODE_SIZE = 5;
export const MAX_NODE_SIZE = 22;
export const DEFAULT_NODE_SIZE = 8;
export const GROUP_NODE_SIZE = 14;

/**
 * Node sizes from scores: area grows with the score (square root), between MIN and MAX, so a score
 * twice as large reads as a node twice as large in area, not four times.
 */
export function sizeScale(scores: Record<string, number>): (v: number | undefined) => number {
  const values = Object.values(scores).filter((v) => Number.isFinite(v));
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  return (v) => {
    if (v === undefined || !Number.isFinite(v)) return MIN_NODE_SIZE;
    if (max === min) return DEFAULT_NODE_SIZE;
    return MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt((v - min) / (max - min));
  };
}

/** Colour of a link by what made it: inferred links (shared identifiers) stand out from documented ones. */
export function edgeColour(kind: string): string {
  if (kind === 'shared-identifier') return '#E69F00';
  if (kind === 'reference') return '#a8b0bd';
  return '#7b8494';
}

/** Link thickness: logarithmic in the weight (number of calls, payments…), 1 to 5 px. */
export function edgeSize(weight: number): number {
  return Math.min(5, 1 + Math.log2(Math.max(1, weight)) / 2);
}
