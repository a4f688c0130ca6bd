/**
 * A trace's flows as a Sankey graph. Money can come back to an account (a cycle), which a Sankey cannot draw, so
 * nodes are layered by hop: an account reached at several hops is one Sankey node per hop, and every link runs one
 * column to the right. A cash-out point where the trace stops is moved to the last column, so the services that
 * hold the money line up on the right.
 */
import { amountValue, sumAmounts } from './amounts.ts';
import type { TraceView } from './types.ts';

export interface FlowNode {
  /** `<entity id>@<column>`, or `<entity id>@cash-out` for a cash-out point where the trace stopped. */
  key: string;
  /** The entity id. */
  id: string;
  column: number;
  /** Exact total traced into this node (for the source: the traced amount). */
  amount: string;
  isSource: boolean;
  cashOut: boolean;
  /** The endpoint's tag category (exchange, …), when it has one. */
  tag: string;
}

export interface FlowLink {
  source: string;
  target: string;
  /** Exact total of the flows merged into this link. */
  amount: string;
  /** The amount as a float, for the link's width only. */
  value: number;
}

export interface FlowGraph {
  nodes: FlowNode[];
  links: FlowLink[];
  columns: number;
}

/** Which end of a flow is nearer the trace's source: `from` when money is followed forward from it. */
function nearEnd(t: Pick<TraceView, 'source' | 'flows'>, minHop: number, backward: boolean): 'from' | 'to' {
  const first = t.flows.filter((f) => f.hop === minHop);
  if (first.some((f) => f.from === t.source.id)) return 'from';
  if (first.some((f) => f.to === t.source.id)) return 'to';
  return backward ? 'to' : 'from';
}

/**
 * Lays out the flows in hop columns, the source in column 0.
 * @example flowGraph(trace).nodes.find((n) => n.isSource)?.column // 0
 */
export function flowGraph(t: Pick<TraceView, 'source' | 'flows' | 'endpoints' | 'params'>): FlowGraph {
  const sourceKey = `${t.source.id}@0`;
  if (t.flows.length === 0) {
    return { nodes: [{ key: sourceKey, id: t.source.id, column: 0, amount: t.source.amount, isSource: true, cashOut: false, tag: '' }], links: [], columns: 1 };
  }
  const minHop = Math.min(...t.flows.map((f) => f.hop));
  const near = nearEnd(t, minHop, t.params['direction'] === 'backward');
  const far = near === 'from' ? 'to' : 'from';
  const endpoints = new Map(t.endpoints.map((e) => [e.id, e]));
  const col = (hop: number): number => hop - minHop;
  const leaves = new Set(t.flows.map((f) => `${f[near]}@${col(f.hop)}`));
  const lastColumn = Math.max(...t.flows.map((f) => col(f.hop) + 1));
  // A cash-out point that passes nothing on (from that hop) is a sink: all its occurrences share the last column.
  const farKey = (id: string, column: number): string => (endpoints.get(id)?.cashOut && !leaves.has(`${id}@${column}`) ? `${id}@cash-out` : `${id}@${column}`);

  const nodes = new Map<string, FlowNode>();
  const incoming = new Map<string, string[]>();
  const links = new Map<string, { source: string; target: string; amounts: string[] }>();
  const node = (key: string, id: string, column: number): void => {
    if (nodes.has(key)) return;
    const e = endpoints.get(id);
    const isSource = key === sourceKey;
    nodes.set(key, { key, id, column, amount: isSource ? t.source.amount : '0', isSource, cashOut: e?.cashOut === true, tag: e?.tag ?? '' });
  };
  for (const f of t.flows) {
    const c = col(f.hop);
    const s = `${f[near]}@${c}`;
    const target = farKey(f[far], c + 1);
    node(s, f[near], c);
    node(target, f[far], target.endsWith('@cash-out') ? lastColumn : c + 1);
    (incoming.get(target) ?? incoming.set(target, []).get(target)!).push(f.amount);
    const k = `${s}\u0000${target}`;
    (links.get(k) ?? links.set(k, { source: s, target, amounts: [] }).get(k)!).amounts.push(f.amount);
  }
  for (const [key, amounts] of incoming) if (key !== sourceKey) nodes.get(key)!.amount = sumAmounts(amounts);
  // A trace from a transfer names the transfer as its source: the first hop's near ends are then where it starts.
  if (!nodes.has(sourceKey)) {
    for (const n of nodes.values()) {
      if (n.column !== 0) continue;
      n.isSource = true;
      n.amount = sumAmounts(t.flows.filter((f) => col(f.hop) === 0 && f[near] === n.id).map((f) => f.amount));
    }
  }
  const byPlace = (a: FlowNode, b: FlowNode): number => a.column - b.column || (a.key < b.key ? -1 : 1);
  return {
    nodes: [...nodes.values()].sort(byPlace),
    links: [...links.values()].map((l) => {
      const amount = sumAmounts(l.amounts);
      return { source: l.source, target: l.target, amount, value: amountValue(amount) };
    }),
    columns: lastColumn + 1,
  };
}
