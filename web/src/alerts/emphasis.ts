// Emphasises an alert's evidence on the link chart: its accounts and links drawn on top, everything else greyed.
import type { ChartController } from '../chart/controller.ts';
import { evidenceItems, type EvidenceItems } from './evidence.ts';

/** Marks the alert's accounts and evidence links (sigma's path state); returns what it found. */
export function emphasiseEvidence(c: ChartController, alert: { accounts: readonly string[]; transfers: readonly string[] }): EvidenceItems {
  const m = c.model;
  const g = m.graph;
  const items = evidenceItems(m.links.values(), alert, (id) => m.rep(id), (id) => g.hasNode(id));
  const sigma = c.sigma;
  if (sigma) {
    sigma.setNodesState(items.nodes, { isOnPath: true });
    sigma.setEdgesState(
      items.edges.filter((e) => g.hasEdge(e)),
      { isOnPath: true },
    );
    sigma.setGraphState({ hasPath: items.nodes.length + items.edges.length > 0 });
  }
  return items;
}

/** Takes the emphasis off again (the chart as it was before). */
export function clearEmphasis(c: ChartController): void {
  const sigma = c.sigma;
  if (!sigma) return;
  const g = c.model.graph;
  sigma.setNodesState(g.nodes(), { isOnPath: false });
  sigma.setEdgesState(g.edges(), { isOnPath: false });
  sigma.setGraphState({ hasPath: false });
}
