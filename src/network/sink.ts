/**
 * Where GraphBuilder puts nodes and edges: a graphology multigraph (sub-graphs for the UI, and analyses that walk
 * the graph), or an edge list on typed arrays (whole networks for the CSR-based analyses: at a million edges the
 * graphology graph's objects cost more time and memory than the analysis itself).
 */
import { MultiGraph } from 'graphology';
import type { EdgeList } from './algorithms/csr.ts';
import type { CorvidGraph, EdgeAttributes, NodeAttributes } from './types.ts';

export interface GraphSink {
  hasNode(id: string): boolean;
  addNode(id: string, attrs: NodeAttributes): void;
  hasEdge(key: string): boolean;
  /** Adds an edge between two nodes already added; `directed` only where the build keeps direction. */
  addEdge(key: string, from: string, to: string, directed: boolean, attrs: EdgeAttributes): void;
}

/** The graphology multigraph sink (undirected, or mixed when direction is kept). */
export class GraphologySink implements GraphSink {
  readonly graph: CorvidGraph;

  constructor(directed: boolean) {
    this.graph = new MultiGraph<NodeAttributes, EdgeAttributes>({ type: directed ? 'mixed' : 'undirected' });
  }

  hasNode(id: string): boolean {
    return this.graph.hasNode(id);
  }

  addNode(id: string, attrs: NodeAttributes): void {
    this.graph.addNode(id, attrs);
  }

  hasEdge(key: string): boolean {
    return this.graph.hasEdge(key);
  }

  addEdge(key: string, from: string, to: string, directed: boolean, attrs: EdgeAttributes): void {
    if (directed) this.graph.addDirectedEdgeWithKey(key, from, to, attrs);
    else this.graph.addUndirectedEdgeWithKey(key, from, to, attrs);
  }
}

/** An edge list with node labels: what `loadEdgeList` returns. */
export interface LabelledEdgeList extends EdgeList {
  labels: string[];
}

/** The edge-list sink: node numbers in order of arrival, edges in growing typed arrays, only weight and direction kept. */
export class EdgeListSink implements GraphSink {
  readonly #index = new Map<string, number>();
  readonly #keys = new Set<string>();
  readonly #ids: string[] = [];
  readonly #labels: string[] = [];
  #from = new Int32Array(1024);
  #to = new Int32Array(1024);
  #weight = new Float64Array(1024);
  #directed = new Uint8Array(1024);
  #size = 0;

  hasNode(id: string): boolean {
    return this.#index.has(id);
  }

  addNode(id: string, attrs: NodeAttributes): void {
    this.#index.set(id, this.#ids.length);
    this.#ids.push(id);
    this.#labels.push(attrs.label);
  }

  hasEdge(key: string): boolean {
    return this.#keys.has(key);
  }

  addEdge(key: string, from: string, to: string, directed: boolean, attrs: EdgeAttributes): void {
    this.#keys.add(key);
    if (this.#size === this.#from.length) this.#grow();
    const k = this.#size++;
    this.#from[k] = this.#index.get(from) as number;
    this.#to[k] = this.#index.get(to) as number;
    this.#weight[k] = attrs.weight;
    this.#directed[k] = directed ? 1 : 0;
  }

  #grow(): void {
    const n = this.#from.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.#from = grow(this.#from, (x) => new Int32Array(x));
    this.#to = grow(this.#to, (x) => new Int32Array(x));
    this.#weight = grow(this.#weight, (x) => new Float64Array(x));
    this.#directed = grow(this.#directed, (x) => new Uint8Array(x));
  }

  /** The list; the sink's key set is released. */
  finish(): LabelledEdgeList {
    this.#keys.clear();
    return { ids: this.#ids, labels: this.#labels, from: this.#from, to: this.#to, weight: this.#weight, directed: this.#directed, size: this.#size };
  }
}
