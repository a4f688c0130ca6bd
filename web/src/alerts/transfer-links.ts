// Draws an alert's or a trace's transfers on the link chart between the accounts already on it (see transfer-edge.ts for why).
import type { ChartController } from '../chart/controller.ts';
import type { NetworkEdge } from '../chart/types.ts';
import { fetchEntity } from '../entity/useEntities.ts';
import { transferEdge } from './transfer-edge.ts';

/** Draws the transfers that are not yet links on the chart between their accounts (both ends must be on it); returns how many were drawn. */
export async function drawTransfers(c: ChartController, ids: readonly string[]): Promise<number> {
  const m = c.model;
  const drawn = new Set([...m.links.values()].map((l) => l.source));
  const wanted = ids.filter((id) => !drawn.has(id));
  const entities = await Promise.all(wanted.map((id) => fetchEntity(id).catch(() => null)));
  const edges = entities.flatMap((e) => (e ? [transferEdge(e)] : [])).filter((x): x is NetworkEdge => x !== null && m.entities.has(x.from) && m.entities.has(x.to));
  if (edges.length) m.addView({ nodes: [], edges });
  return edges.length;
}
