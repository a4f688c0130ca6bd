/**
 * Shift-drag on the chart draws a selection box; shift-click toggles the node under the pointer. Sigma
 * never sees these presses (they would pan the camera), so hit-testing is done here.
 */
import type { ChartGraph } from './model.ts';
import type { ChartSigma } from './renderer.ts';

/** Nodes whose centre is inside the rectangle (viewport pixels, relative to the container). */
export function nodesInRect(sigma: ChartSigma, graph: ChartGraph, r: { x0: number; y0: number; x1: number; y1: number }): string[] {
  const [xa, xb] = [Math.min(r.x0, r.x1), Math.max(r.x0, r.x1)];
  const [ya, yb] = [Math.min(r.y0, r.y1), Math.max(r.y0, r.y1)];
  return graph.filterNodes((_, a) => {
    if (a.hidden) return false;
    const p = sigma.graphToViewport({ x: a.x, y: a.y });
    return p.x >= xa && p.x <= xb && p.y >= ya && p.y <= yb;
  });
}

/** The visible node nearest to the point, if the point is on it (a few pixels of slack). */
export function nodeAt(sigma: ChartSigma, graph: ChartGraph, x: number, y: number): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  graph.forEachNode((id, a) => {
    if (a.hidden) return;
    const p = sigma.graphToViewport({ x: a.x, y: a.y });
    const d = Math.hypot(p.x - x, p.y - y);
    const r = sigma.scaleSize(sigma.getNodeDisplayData(id)?.size ?? a.size) + 3;
    if (d <= r && d < bestD) {
      best = id;
      bestD = d;
    }
  });
  return best;
}

/** Wires box selection on the container; `onSelect(ids, mode)`. Returns the clean-up. */
export function attachBoxSelect(container: HTMLElement, sigma: ChartSigma, graph: ChartGraph, onSelect: (ids: string[], mode: 'add' | 'toggle') => void): () => void {
  const box = document.createElement('div');
  box.className = 'chart-box-select';
  box.hidden = true;
  container.append(box);
  let start: { x: number; y: number } | null = null;
  let moved = false;
  const local = (e: PointerEvent) => {
    const r = container.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const down = (e: PointerEvent) => {
    if (!e.shiftKey || e.button !== 0 || e.pointerType === 'touch') return;
    e.stopPropagation();
    e.preventDefault();
    start = local(e);
    moved = false;
    document.addEventListener('pointermove', move);
    document.addEventListener('pointerup', up, { once: true });
  };
  const move = (e: PointerEvent) => {
    if (!start) return;
    const p = local(e);
    if (!moved && Math.hypot(p.x - start.x, p.y - start.y) < 4) return;
    moved = true;
    box.hidden = false;
    Object.assign(box.style, { left: `${Math.min(p.x, start.x)}px`, top: `${Math.min(p.y, start.y)}px`, width: `${Math.abs(p.x - start.x)}px`, height: `${Math.abs(p.y - start.y)}px` });
  };
  const up = (e: PointerEvent) => {
    document.removeEventListener('pointermove', move);
    if (!start) return;
    const p = local(e);
    if (moved) onSelect(nodesInRect(sigma, graph, { x0: start.x, y0: start.y, x1: p.x, y1: p.y }), 'add');
    else {
      const hit = nodeAt(sigma, graph, p.x, p.y);
      if (hit) onSelect([hit], 'toggle');
    }
    box.hidden = true;
    start = null;
  };
  container.addEventListener('pointerdown', down, { capture: true });
  return () => {
    container.removeEventListener('pointerdown', down, { capture: true });
    document.removeEventListener('pointermove', move);
    box.remove();
  };
}
