/**
 * A trace's flows as a Sankey graph. Money can come back to an account (a cycle), which a Sankey cannot draw, so
 * nodes are layered by hop: an account reached at several hops is one Sankey node per hop, and every link runs
 * to the right. A cash-out point where the trace stops is moved to the last column, so the services that
 * hold the money line up on the right.
 */
import { amountValue, sumAmounts } from './amounts.ts';
import type { TraceFlow, TraceView } from './types.ts';

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
function nearEnd(t: Pick<TraceView, 'direction' | 'params'>): 'from' | 'to' {
  return (t.direction ?? t.params['direction']) === 'backward' ? 'to' : 'from';
}

/**
 * Lays out the flows in hop columns, the source in column 0. A flow's `hop` is the layer of its far end (the server's
 * breadth-first layering); its near end sits in that node's own layer: 0 for the source (and for any start the
 * trace has no flow into), otherwise the least hop at which money reached it.
 * @example flowGraph(trace).nodes.find((n) => n.isSource)?.column // 0
 */
export function flowGraph(t: Pick<TraceView, 'source' | 'flows' | 'endpoints' | 'params' | 'direction'>): FlowGraph {
  const sourceKey = `${t.source.id}@0`;
  const near = nearEnd(t);
  const far = near === 'from' ? 'to' : 'from';
  if (t.flows.length === 0) {
    return { nodes: [{ key: sourceKey, id: t.source.id, column: 0, amount: t.source.amount ?? '0', isSource: true, cashOut: false, tag: '' }], links: [], columns: 1 };
  }
  const layer = new Map<string, number>();
  for (const f of t.flows) if (f[far] !== t.source.id) layer.set(f[far], Math.min(layer.get(f[far]) ?? Infinity, f.hop));
  const nearColumn = (id: string): number => (id === t.source.id ? 0 : (layer.get(id) ?? 0));
  const farColumn = (f: TraceFlow): number => Math.max(f.hop, nearColumn(f[near]) + 1);
  const endpoints = new Map(t.endpoints.map((e) => [e.id, e]));
  const leaves = new Set(t.flows.map((f) => `${f[near]}@${nearColumn(f[near])}`));
  const lastColumn = Math.max(...t.flows.map(farColumn));
  // A cash-out point that passes nothing on (from that hop) is a sink: all its occurrences share the last column.
  const farKey = (id: string, column: number): string => (endpoints.get(id)?.cashOut && !leaves.has(`${id}@${column}`) ? `${id}@cash-out` : `${id}@${column}`);

  const nodes = new Map<string, FlowNode>();
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  const links = new Map<string, { source: string; target: string; amounts: string[] }>();
  const node = (key: string, id: string, column: number): void => {
    if (nodes.has(key)) return;
    const e = endpoints.get(id);
    nodes.set(key, { key, id, column, amount: '0', isSource: false, cashOut: e?.cashOut === true, tag: e?.tag ?? '' });
  };
  const push = (m: Map<string, string[]>, k: string, v: string): void => void (m.get(k) ?? m.set(k, []).get(k)!).push(v);
  for (const f of t.flows) {
    const c = nearColumn(f[near]);
    const s = `${f[near]}@${c}`;
    const fc = farColumn(f);
    const target = farKey(f[far], fc);
    node(s, f[near], c);
    node(target, f[far], target.endsWith('@cash-out') ? lastColumn : fc);
    push(incoming, target, f.amount);
    push(outgoing, s, f.amount);
    const k = `${s}\u0000${target}`;
    (links.get(k) ?? links.set(k, { source: s, target, amounts: [] }).get(k)!).amounts.push(f.amount);
  }
  for (const [key, amounts] of incoming) nodes.get(key)!.amount = sumAmounts(amounts);
  // The source shows what it sent into the trace; a trace from a transfer starts where the transfer's money was.
  const starts = nodes.has(sourceKey) ? [nodes.get(sourceKey)!] : [...nodes.values()].filter((n) => n.column === 0);
  for (const n of starts) {
    n.isSource = true;
    n.amount = n.key === sourceKey && t.source.amount ? t.source.amount : sumAmounts(outgoing.get(n.key) ?? []);
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
