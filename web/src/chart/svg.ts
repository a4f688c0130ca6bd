/**
 * The chart as a standalone SVG document: links as lines (arrow-headed when directed), nodes in their
 * schema shape and colour, labels beside them. Pure: the caller passes screen-space items.
 */
import type { NodeShape } from './palette.ts';

export interface SvgNode {
  x: number;
  y: number;
  r: number;
  color: string;
  shape: NodeShape;
  label: string;
  /** Draw the label (big enough, or selected). */
  showLabel: boolean;
  ring?: string;
}

export interface SvgEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
  directed: boolean;
}

/** Escapes text for XML content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const n2 = (v: number) => (Math.round(v * 100) / 100).toString();

function shapeSvg(n: SvgNode): string {
  const fill = `fill="${xmlEscape(n.color)}"${n.ring ? ` stroke="${xmlEscape(n.ring)}" stroke-width="2"` : ' stroke="#fff" stroke-width="1"'}`;
  const { x, y, r } = n;
  if (n.shape === 'square') return `<rect x="${n2(x - r * 0.886)}" y="${n2(y - r * 0.886)}" width="${n2(r * 1.772)}" height="${n2(r * 1.772)}" ${fill}/>`;
  if (n.shape === 'diamond') return `<polygon points="${n2(x)},${n2(y - r)} ${n2(x + r)},${n2(y)} ${n2(x)},${n2(y + r)} ${n2(x - r)},${n2(y)}" ${fill}/>`;
  if (n.shape === 'triangle') return `<polygon points="${n2(x)},${n2(y - r)} ${n2(x + r * 0.866)},${n2(y + r / 2)} ${n2(x - r * 0.866)},${n2(y + r / 2)}" ${fill}/>`;
  return `<circle cx="${n2(x)}" cy="${n2(y)}" r="${n2(r)}" ${fill}/>`;
}

/**
 * Serialises the chart; the view box fits every item with a margin.
 * @example chartSvg([{ x: 10, y: 10, r: 5, color: '#0072B2', shape: 'circle', label: 'A', showLabel: true }], [])
 */
export function chartSvg(nodes: SvgNode[], edges: SvgEdge[], opts: { title?: string; background?: string } = {}): string {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.x - n.r);
    y0 = Math.min(y0, n.y - n.r);
    x1 = Math.max(x1, n.x + n.r + (n.showLabel ? 7 * n.label.length + 6 : 0));
    y1 = Math.max(y1, n.y + n.r);
  }
  if (!Number.isFinite(x0)) [x0, y0, x1, y1] = [0, 0, 100, 100];
  const m = 20;
  const w = x1 - x0 + 2 * m;
  const h = y1 - y0 + 2 * m;
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${n2(x0 - m)} ${n2(y0 - m)} ${n2(w)} ${n2(h)}" width="${Math.ceil(w)}" height="${Math.ceil(h)}" font-family="system-ui, sans-serif" font-size="12">`,
  ];
  if (opts.title) out.push(`<title>${xmlEscape(opts.title)}</title>`);
  out.push(`<rect x="${n2(x0 - m)}" y="${n2(y0 - m)}" width="${n2(w)}" height="${n2(h)}" fill="${opts.background ?? '#ffffff'}"/>`);
  const heads = [...new Set(edges.filter((e) => e.directed).map((e) => e.color))];
  if (heads.length) {
    out.push('<defs>');
    heads.forEach((c, i) => out.push(`<marker id="arrow${i}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${xmlEscape(c)}"/></marker>`));
    out.push('</defs>');
  }
  out.push('<g class="links">');
  const radius = new Map(nodes.map((n) => [`${n2(n.x)},${n2(n.y)}`, n.r]));
  for (const e of edges) {
    // Stop directed links at the target node's rim so the arrow head stays visible.
    let { x2, y2 } = e;
    if (e.directed) {
      const r = radius.get(`${n2(e.x2)},${n2(e.y2)}`) ?? 0;
      const len = Math.hypot(e.x2 - e.x1, e.y2 - e.y1) || 1;
      x2 = e.x2 - ((e.x2 - e.x1) / len) * r;
      y2 = e.y2 - ((e.y2 - e.y1) / len) * r;
    }
    const marker = e.directed ? ` marker-end="url(#arrow${heads.indexOf(e.color)})"` : '';
    out.push(`<line x1="${n2(e.x1)}" y1="${n2(e.y1)}" x2="${n2(x2)}" y2="${n2(y2)}" stroke="${xmlEscape(e.color)}" stroke-width="${n2(e.width)}"${marker}/>`);
  }
  out.push('</g><g class="nodes">');
  for (const n of nodes) out.push(shapeSvg(n));
  out.push('</g><g class="labels" fill="#1f2328">');
  for (const n of nodes) if (n.showLabel) out.push(`<text x="${n2(n.x + n.r + 4)}" y="${n2(n.y + 4)}">${xmlEscape(n.label)}</text>`);
  out.push('</g></svg>');
  return out.join('\n');
}
