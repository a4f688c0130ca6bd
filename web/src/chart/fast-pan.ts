/**
 * Panning a big chart by moving its last picture: while the stage is dragged, the drawn canvases are shifted with a
 * CSS transform (a compositor operation, so the picture follows the pointer at the display's frame rate however slow
 * the WebGL draw is — software GL on machines without a GPU takes hundreds of milliseconds a frame at 20,000 links);
 * on release the camera moves once and sigma draws the new view. Map libraries pan tiles the same way. Small charts
 * keep sigma's own panning (with inertia), which is smooth there.
 */
import { nodeAt } from './box-select.ts';
import type { ChartGraph } from './model.ts';
import { MANY_LINKS, type ChartSigma } from './renderer.ts';

/** From this many nodes or links on the chart, drags pan the picture rather than redrawing every frame. */
export const FAST_PAN_NODES = 1500;
export const FAST_PAN_LINKS = MANY_LINKS;

/** Is the chart big enough for picture panning? */
export function wantsFastPan(graph: ChartGraph): boolean {
  return graph.order >= FAST_PAN_NODES || graph.size >= FAST_PAN_LINKS;
}

/**
 * The camera position after the picture was dragged by (dx, dy) viewport pixels: the graph point that was under
 * the centre is now dx, dy away from it.
 * @example const next = pannedCamera(sigma, 120, -40); sigma.getCamera().setState(next);
 */
export function pannedCamera(sigma: ChartSigma, dx: number, dy: number): { x: number; y: number } {
  const { width, height } = sigma.getDimensions();
  const cam = sigma.getCamera().getState();
  const centre = sigma.viewportToFramedGraph({ x: width / 2, y: height / 2 });
  const moved = sigma.viewportToFramedGraph({ x: width / 2 - dx, y: height / 2 - dy });
  return { x: cam.x + (moved.x - centre.x), y: cam.y + (moved.y - centre.y) };
}

/**
 * Wires picture panning on the container for big charts: left-button drags that start on empty stage (not on a node,
 * not with Shift, which selects). A press released without moving is a click on the stage (`onStageClick`).
 * Returns the clean-up.
 */
export function attachFastPan(container: HTMLElement, sigma: ChartSigma, graph: ChartGraph, onStageClick: () => void): () => void {
  let start: { x: number; y: number } | null = null;
  let last = { dx: 0, dy: 0 };
  let frame = 0;
  const canvases = () => [...container.querySelectorAll('canvas')];
  const local = (e: PointerEvent) => {
    const r = container.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const paint = () => {
    frame = 0;
    for (const c of canvases()) c.style.transform = `translate(${last.dx}px, ${last.dy}px)`;
  };
  const down = (e: PointerEvent) => {
    if (e.button !== 0 || e.shiftKey || e.ctrlKey || e.metaKey || e.pointerType === 'touch' || !wantsFastPan(graph)) return;
    const p = local(e);
    if (nodeAt(sigma, graph, p.x, p.y)) return; // nodes keep sigma's click, drag and double-click
    // Suppresses the compatibility mouse events too, so sigma neither pans nor redraws while the picture moves.
    e.stopPropagation();
    e.preventDefault();
    start = p;
    last = { dx: 0, dy: 0 };
    document.addEventListener('pointermove', move, { capture: true });
    document.addEventListener('pointerup', up, { once: true });
  };
  // While the picture moves sigma must not see the pointer (a hover would redraw the whole chart).
  const swallow = (e: Event) => {
    if (start) e.stopPropagation();
  };
  const move = (e: PointerEvent) => {
    if (!start) return;
    e.stopPropagation();
    const p = local(e);
    last = { dx: p.x - start.x, dy: p.y - start.y };
    frame ||= requestAnimationFrame(paint);
  };
  const up = (e: PointerEvent) => {
    document.removeEventListener('pointermove', move, { capture: true });
    if (!start) return;
    const p = local(e);
    const dx = p.x - start.x;
    const dy = p.y - start.y;
    start = null;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    if (Math.hypot(dx, dy) < 4) {
      for (const c of canvases()) c.style.transform = '';
      onStageClick();
      return;
    }
    // Keep the shifted picture until sigma has drawn the new view, so nothing jumps back for a frame.
    sigma.once('afterRender', () => {
      for (const c of canvases()) c.style.transform = '';
    });
    sigma.getCamera().setState(pannedCamera(sigma, dx, dy));
  };
  container.addEventListener('pointerdown', down, { capture: true });
  for (const type of ['mousemove', 'mouseup', 'mouseleave', 'mouseout', 'mouseover', 'wheel']) container.addEventListener(type, swallow, { capture: true });
  return () => {
    container.removeEventListener('pointerdown', down, { capture: true });
    for (const type of ['mousemove', 'mouseup', 'mouseleave', 'mouseout', 'mouseover', 'wheel']) container.removeEventListener(type, swallow, { capture: true });
    document.removeEventListener('pointermove', move, { capture: true });
    if (frame) cancelAnimationFrame(frame);
  };
}
