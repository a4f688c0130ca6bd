/**
 * Colour and size by a computed measure: which analyses suit which channel, and how an analysis answer
 * becomes node colours (communities, categorical) or node sizes (scores). Pure over the chart model.
 */
import type { ChartModel } from './model.ts';
import { GROUP_COLOUR, GROUP_NODE_SIZE, DEFAULT_NODE_SIZE, communityColours, schemaStyle, sizeScale } from './palette.ts';
import type { AnalysisInfo } from './types.ts';

const COMMUNITY = /louvain|leiden|component|communit/i;
const SCORE = /degree|betweenness|pagerank|eigenvector|constraint|closeness|centrality/i;

/** Analyses that colour nodes by community, and those that size them by a score. */
export function measureChoices(analyses: AnalysisInfo[]): { colour: AnalysisInfo[]; size: AnalysisInfo[] } {
  return { colour: analyses.filter((a) => COMMUNITY.test(a.name)), size: analyses.filter((a) => SCORE.test(a.name) && !COMMUNITY.test(a.name)) };
}

/** Reads a community answer: `{ communities }` (Louvain, Leiden) or `{ of }` (connected components). */
export function communitiesOf(result: unknown): Record<string, number> | null {
  const r = result as { communities?: unknown; of?: unknown } | null;
  const c = r && typeof r === 'object' ? (r.communities ?? r.of) : null;
  return c && typeof c === 'object' ? (c as Record<string, number>) : null;
}

/** Reads a score answer: a record of numbers keyed by entity id. */
export function scoresOf(result: unknown): Record<string, number> | null {
  if (!result || typeof result !== 'object') return null;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(result)) if (typeof v === 'number') out[k] = v;
  return Object.keys(out).length > 0 ? out : null;
}

export interface ColourLegend {
  kind: 'community';
  algorithm: string;
  rows: { community: number; size: number; colour: string }[];
  others: number;
}

/** Colours nodes by community; a group takes its members' most common community. */
export function applyCommunities(model: ChartModel, algorithm: string, communities: Record<string, number>): ColourLegend {
  const scheme = communityColours(communities);
  model.patchNodes((id, a) => {
    const members = a.kind === 'group' ? model.groupMembers(id) : [id];
    const community = mode(members.map((m) => communities[m]).filter((c): c is number => c !== undefined));
    return { community, color: a.kind === 'group' ? GROUP_COLOUR : scheme.colourOf(community) };
  });
  return { kind: 'community', algorithm, rows: scheme.legend, others: scheme.others };
}

/** Back to colouring by schema. */
export function clearColours(model: ChartModel): void {
  model.patchNodes((_, a) => ({ community: undefined, color: a.kind === 'group' ? GROUP_COLOUR : schemaStyle(a.schema).colour }));
}

export interface SizeLegend {
  algorithm: string;
  min: number;
  max: number;
}

/** Sizes nodes by score; a group takes its members' highest score. */
export function applyScores(model: ChartModel, algorithm: string, scores: Record<string, number>): SizeLegend {
  const scale = sizeScale(scores);
  model.patchNodes((id, a) => {
    const values = (a.kind === 'group' ? model.groupMembers(id) : [id]).map((m) => scores[m]).filter((v): v is number => v !== undefined);
    const score = values.length ? Math.max(...values) : undefined;
    return { score, size: scale(score) };
  });
  const values = Object.values(scores);
  return { algorithm, min: Math.min(...values), max: Math.max(...values) };
}

export function clearSizes(model: ChartModel): void {
  model.patchNodes((_, a) => ({ score: undefined, size: a.kind === 'group' ? GROUP_NODE_SIZE : DEFAULT_NODE_SIZE }));
}

function mode(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount || (c === bestCount && best !== undefined && v < best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}
