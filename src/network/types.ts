/**
 * The network module's shared shapes: the graph's node and edge attributes, the JSON the API and the
 * web UI exchange, and the envelope every analysis returns (its parameters and citation travel with it).
 */
// graphology's own typings resolve as CommonJS under NodeNext (its default export is not a type there); graphology-types' AbstractGraph is the same interface.
import type { AbstractGraph } from 'graphology-types';

/** What made an edge: an interstitial entity (Payment, Call, …), a reference property, or a shared identifier. */
export type EdgeKind = 'interstitial' | 'reference' | 'shared-identifier';

/** Attributes of a node: one entity. */
export interface NodeAttributes {
  schema: string;
  label: string;
  datasets: string[];
}

/** Attributes of an edge (graph keys are the edge ids below). */
export interface EdgeAttributes {
  kind: EdgeKind;
  /** The FtM schema of the interstitial entity (`Payment`, `Call`, `Family`…), the property name of a reference, or the identifier type. */
  schema: string;
  label: string;
  /** The interstitial entity's id, the referencing entity's id, or the shared value's normalised form. */
  source: string;
  /** ISO dates (as far as known) when the link holds, for time windows and the timeline. */
  start?: string;
  end?: string;
  /** Analysis weight (≥ 0): 1, or the number of calls, meetings, payments, or an amount where the caller asks. */
  weight: number;
  /** For shared identifiers: which property and value the two entities share. */
  shared?: { property: string; value: string };
  /** Set when the record named no entities at its ends, only numbers (a call-detail record): the ends are the numbers' holders. */
  via?: 'phone';
  datasets: string[];
}

/** The graph every algorithm takes: a graphology multi-graph, undirected or directed as built. */
export type CorvidGraph = AbstractGraph<NodeAttributes, EdgeAttributes>;

/** A node in API answers. */
export interface NetworkNode extends NodeAttributes {
  id: string;
}

/** An edge in API answers. */
export interface NetworkEdge extends EdgeAttributes {
  id: string;
  from: string;
  to: string;
  directed: boolean;
}

/** A sub-graph in API answers. */
export interface NetworkView {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** Set when a limit cut the answer short. */
  truncated?: boolean;
}

/**
 * What every analysis returns: which algorithm, its citation, the parameters actually used (defaults
 * filled in), and the result — so a saved score can always be traced back to how it was computed.
 * @example const r: Analysis<{ damping: number }, Record<string, number>> = pagerank(g); r.params.damping === 0.85
 */
export interface Analysis<P, R> {
  algorithm: string;
  citation: string;
  params: P;
  result: R;
}
