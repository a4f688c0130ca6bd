// The "expand by link type" list: an entity's links grouped by what made them, with counts, from one expand answer.
import type { NetworkEdge, NetworkView } from './types.ts';

export interface LinkType {
  kind: string;
  schema: string;
  label: string;
  /** Links of this type at the entity. */
  links: number;
  /** Neighbours through this type that are not on the chart yet. */
  fresh: number;
}

/** How a link type reads in menus and panels: "Payment", "holder (reference)", "same phone (inferred)". */
export function typeLabel(kind: string, schema: string): string {
  if (kind === 'shared-identifier') return `same ${schema} (inferred)`;
  if (kind === 'reference') return `${schema} (reference)`;
  return schema;
}

/**
 * Groups the links at `id` by kind and schema, most frequent first.
 * @example linkTypes(view, 'p1', new Set()) // [{ kind: 'interstitial', schema: 'Call', links: 12, fresh: 3, … }]
 */
export function linkTypes(view: NetworkView, id: string, onChart: ReadonlySet<string>): LinkType[] {
  const types = new Map<string, LinkType & { neighbours: Set<string> }>();
  for (const e of view.edges) {
    if (e.from !== id && e.to !== id) continue;
    const key = `${e.kind}\u0000${e.schema}`;
    let t = types.get(key);
    if (!t) types.set(key, (t = { kind: e.kind, schema: e.schema, label: typeLabel(e.kind, e.schema), links: 0, fresh: 0, neighbours: new Set() }));
    t.links++;
    const other = e.from === id ? e.to : e.from;
    if (!onChart.has(other) && !t.neighbours.has(other)) t.fresh++;
    t.neighbours.add(other);
  }
  return [...types.values()].sort((a, b) => b.links - a.links || a.label.localeCompare(b.label)).map(({ kind, schema, label, links, fresh }) => ({ kind, schema, label, links, fresh }));
}

/** The part of an expand answer reached through one link type: the entity, those links and their other ends. */
export function viewOfType(view: NetworkView, id: string, kind: string, schema: string): NetworkView {
  const edges: NetworkEdge[] = view.edges.filter((e) => (e.from === id || e.to === id) && e.kind === kind && e.schema === schema);
  const ids = new Set([id, ...edges.flatMap((e) => [e.from, e.to])]);
  return { nodes: view.nodes.filter((n) => ids.has(n.id)), edges };
}
