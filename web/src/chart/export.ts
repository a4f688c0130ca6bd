// Exports the chart as it looks: PNG from sigma's canvases composited on white, SVG from our own serialisation.
import type { ChartModel } from './model.ts';
import { SELECTION_COLOUR, schemaStyle } from './palette.ts';
import type { ChartSigma } from './renderer.ts';
import { chartSvg, type SvgEdge, type SvgNode } from './svg.ts';

/** Saves a blob as a file through a temporary link (works under the CSP: blob: URLs, no inline script). */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Draws every canvas of the renderer, in page order, onto one canvas. The WebGL buffer is only readable
 * right after a frame, so this renders synchronously first.
 */
export function compositeCanvas(sigma: ChartSigma): HTMLCanvasElement {
  sigma.refresh();
  const container = sigma.getContainer();
  const canvases = [...container.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0 && getComputedStyle(c).display !== 'none');
  const stage = sigma.getStageCanvas();
  const out = document.createElement('canvas');
  out.width = stage.width;
  out.height = stage.height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the image (no 2D canvas).');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const c of canvases) ctx.drawImage(c, 0, 0, out.width, out.height);
  return out;
}

/** Exports the visible chart as a PNG file. */
export async function exportPng(sigma: ChartSigma, fileName: string): Promise<void> {
  const canvas = compositeCanvas(sigma);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The browser could not encode the image.');
  download(blob, fileName);
}

/** The chart as SVG text, in screen coordinates of the current view (the whole chart, not only what is on screen). */
export function svgText(sigma: ChartSigma, model: ChartModel, selected: ReadonlySet<string>, title: string): string {
  const g = model.graph;
  const nodes: SvgNode[] = [];
  const at = new Map<string, { x: number; y: number }>();
  g.forEachNode((id, a) => {
    if (a.hidden) return;
    const d = sigma.getNodeDisplayData(id);
    const p = sigma.graphToViewport({ x: a.x, y: a.y });
    at.set(id, p);
    const r = Math.max(2, sigma.scaleSize(d?.size ?? a.size));
    nodes.push({
      x: p.x,
      y: p.y,
      r,
      color: d?.color ?? a.color,
      shape: a.kind === 'group' ? 'square' : schemaStyle(a.schema).shape,
      label: a.label,
      showLabel: r >= 4 || selected.has(id) || g.order <= 300,
      ...(selected.has(id) ? { ring: SELECTION_COLOUR } : {}),
    });
  });
  const edges: SvgEdge[] = [];
  g.forEachEdge((id, a, s, t) => {
    if (a.hidden) return;
    const p = at.get(s);
    const q = at.get(t);
    if (!p || !q) return;
    const d = sigma.getEdgeDisplayData(id);
    edges.push({ x1: p.x, y1: p.y, x2: q.x, y2: q.y, color: d?.color ?? a.color, width: Math.max(0.5, d?.size ?? a.size), directed: a.directed });
  });
  return chartSvg(nodes, edges, { title });
}

export function exportSvg(sigma: ChartSigma, model: ChartModel, selected: ReadonlySet<string>, fileName: string, title: string): void {
  download(new Blob([svgText(sigma, model, selected, title)], { type: 'image/svg+xml' }), fileName);
}
