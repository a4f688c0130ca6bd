// Where the Sankey draws each node and link: d3-sankey's layout (Kelly et al.'s relaxation of node order) on the hop columns of sankey-graph.ts.
import { sankey, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import type { FlowGraph, FlowLink, FlowNode } from './sankey-graph.ts';

export interface PlacedNode extends FlowNode {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface PlacedLink extends FlowLink {
  /** The link's drawn thickness in pixels. */
  width: number;
  /** SVG path of the link's centre line (drawn with `stroke-width: width`). */
  path: string;
}

export interface SankeyLayout {
  nodes: PlacedNode[];
  links: PlacedLink[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 14;

type N = SankeyNode<FlowNode, FlowLink>;
type L = SankeyLink<FlowNode, FlowLink>;

/**
 * Places the flow graph in a `width` × `height` box: column c of C at x = c·(width − node width)/(C − 1), node heights
 * and link widths in proportion to the amounts.
 * @example layoutSankey(flowGraph(trace), 900, 400).nodes[0].x0 // 0 (the source)
 */
export function layoutSankey(g: FlowGraph, width: number, height: number): SankeyLayout {
  const pad = Math.max(4, Math.min(16, Math.floor(height / (4 * Math.max(1, g.nodes.length)))));
  const layout = sankey<FlowNode, FlowLink>()
    .nodeId((n) => n.key)
    .nodeAlign((n) => (n as FlowNode).column)
    .nodeWidth(NODE_WIDTH)
    .nodePadding(pad)
    .extent([
      [0, 0],
      [width, height],
    ]);
  // d3-sankey needs a value on every link: a link of zero traced money is drawn as a hairline.
  const floor = Math.max(...g.links.map((l) => l.value), 1) * 1e-6;
  const data = layout({ nodes: g.nodes.map((n) => ({ ...n })), links: g.links.map((l) => ({ ...l, value: Math.max(l.value, floor) })) });
  const kx = g.columns > 1 ? (width - NODE_WIDTH) / (g.columns - 1) : 0;
  for (const n of data.nodes) {
    n.x0 = n.column * kx;
    n.x1 = n.x0 + NODE_WIDTH;
  }
  const path = sankeyLinkHorizontal<FlowNode, FlowLink>();
  const placed = (n: N): PlacedNode => ({ key: n.key, id: n.id, column: n.column, amount: n.amount, isSource: n.isSource, cashOut: n.cashOut, tag: n.tag, x0: n.x0!, x1: n.x1!, y0: n.y0!, y1: n.y1! });
  const byKey = new Map(g.links.map((l) => [`${l.source}\u0000${l.target}`, l]));
  return {
    nodes: data.nodes.map(placed),
    links: data.links.map((l: L) => {
      const s = l.source as N;
      const t = l.target as N;
      const own = byKey.get(`${s.key}\u0000${t.key}`)!;
      return { ...own, width: Math.max(1, l.width ?? 1), path: path(l) ?? '' };
    }),
    width,
    height,
  };
}
