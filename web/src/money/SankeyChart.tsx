// The trace as a Sankey diagram (SVG): the source on the left, money flowing right hop by hop, cash-out points highlighted on the right.
import { useMemo } from 'react';
import { formatMoney } from './amounts.ts';
import type { FlowGraph } from './sankey-graph.ts';
import { layoutSankey, type PlacedNode } from './sankey-layout.ts';

const WIDTH = 960;
/** Room either side for the labels of the first and last columns. */
const MARGIN = 170;

function label(n: PlacedNode, caption: string): string {
  return n.cashOut && n.tag ? `${caption} (${n.tag})` : caption;
}

export function SankeyChart(props: { graph: FlowGraph; currency: string; captions: Record<string, string>; selected: string | null; onSelect: (id: string) => void }) {
  const counts = new Map<number, number>();
  for (const n of props.graph.nodes) counts.set(n.column, (counts.get(n.column) ?? 0) + 1);
  const perColumn = Math.max(1, ...counts.values());
  const height = Math.max(220, perColumn * 56);
  const layout = useMemo(() => layoutSankey(props.graph, WIDTH - 2 * MARGIN, height), [props.graph, height]);
  const caption = (id: string): string => props.captions[id] ?? id;
  const nodeOf = new Map(layout.nodes.map((n) => [n.key, n]));
  return (
    <figure className="sankey">
      <svg viewBox={`${-MARGIN} -10 ${WIDTH} ${height + 20}`} role="img" aria-label={`Money flow: ${layout.nodes.length} points, ${layout.links.length} flows`}>
        <g className="sankey-links">
          {layout.links.map((l) => (
            <path key={`${l.source}>${l.target}`} d={l.path} strokeWidth={l.width} className={nodeOf.get(l.target)?.cashOut ? 'sankey-link sankey-link-cashout' : 'sankey-link'}>
              <title>{`${caption(nodeOf.get(l.source)!.id)} → ${caption(nodeOf.get(l.target)!.id)}: ${formatMoney(l.amount, props.currency)}`}</title>
            </path>
          ))}
        </g>
        <g className="sankey-nodes">
          {layout.nodes.map((n) => {
            const text = label(n, caption(n.id));
            const right = n.x0 < (WIDTH - 2 * MARGIN) / 2;
            const cls = ['sankey-node', n.isSource ? 'sankey-node-source' : '', n.cashOut ? 'sankey-node-cashout' : '', props.selected === n.id ? 'sankey-node-selected' : ''].filter(Boolean).join(' ');
            return (
              <g
                key={n.key}
                className={cls}
                data-entity={n.id}
                role="button"
                tabIndex={0}
                aria-label={`${text}: ${formatMoney(n.amount, props.currency)}`}
                onClick={() => props.onSelect(n.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    props.onSelect(n.id);
                  }
                }}
              >
                <rect x={n.x0} y={n.y0} width={n.x1 - n.x0} height={Math.max(1, n.y1 - n.y0)} />
                <text x={right ? n.x1 + 6 : n.x0 - 6} y={(n.y0 + n.y1) / 2} dy="-0.2em" textAnchor={right ? 'start' : 'end'}>
                  {text}
                </text>
                <text className="sankey-amount" x={right ? n.x1 + 6 : n.x0 - 6} y={(n.y0 + n.y1) / 2} dy="1em" textAnchor={right ? 'start' : 'end'}>
                  {formatMoney(n.amount, props.currency)}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <figcaption className="hint">Each column is one hop; an account reached at several hops appears once per hop. Cash-out points (services that hold customers’ money) are orange, on the right. Click a point for the transfers behind its number.</figcaption>
    </figure>
  );
}
