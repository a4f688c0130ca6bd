// Which chart nodes and links are an alert's evidence: its accounts, and the links that stand for its transfers.
import type { NetworkEdge } from '../chart/types.ts';

export interface EvidenceItems {
  /** Chart nodes of the involved accounts (a grouped account is its group). */
  nodes: string[];
  /** Chart links whose entity (the Payment or transfer) is one of the alert's transfers. */
  edges: string[];
  /** Evidence transfers that are not drawn as a link on the chart (not visible, or an end is not on it). */
  missing: string[];
}

/**
 * The chart's items for an alert's evidence.
 * @example evidenceItems(model.links.values(), alert, (id) => model.rep(id), (id) => model.graph.hasNode(id))
 */
export function evidenceItems(
  links: Iterable<Pick<NetworkEdge, 'id' | 'source'>>,
  alert: { accounts: readonly string[]; transfers: readonly string[] },
  rep: (id: string) => string,
  onChart: (node: string) => boolean,
): EvidenceItems {
  const wanted = new Set(alert.transfers);
  const edges: string[] = [];
  const found = new Set<string>();
  for (const l of links) {
    if (!wanted.has(l.source)) continue;
    edges.push(l.id);
    found.add(l.source);
  }
  const nodes = [...new Set(alert.accounts.map(rep))].filter(onChart);
  return { nodes, edges, missing: alert.transfers.filter((t) => !found.has(t)) };
}
