/**
 * Runs layouts without blocking the page: ForceAtlas2 (Jacomy et al. 2014, PLoS ONE 9(6): e98679) in a
 * web worker through graphology's supervisor; circular and hierarchical positions are computed at once
 * (they are cheap) and animated over a few frames. Pinned (`fixed`) and hidden nodes stay where they are.
 */
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import { circlePositions, layeredLayout } from './hierarchy.ts';
import type { ChartGraph } from './model.ts';

type Positions = Record<string, { x: number; y: number }>;

/** One layout at a time: starting one stops the previous one. */
export class LayoutRunner {
  private fa2: FA2LayoutSupervisor | null = null;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  running = false;
  onRunningChange: (running: boolean) => void = () => undefined;

  constructor(private readonly graph: ChartGraph) {}

  /** Starts ForceAtlas2 in a worker for a time that grows with the chart, or until `stop()`. */
  force(durationMs?: number): void {
    this.stop();
    const g = this.graph;
    if (g.order < 2) return;
    const settings = { ...inferSettings(g.order), barnesHutOptimize: g.order > 500, adjustSizes: false, linLogMode: false, outboundAttractionDistribution: true };
    this.fa2 = new FA2LayoutSupervisor(g, { settings, getEdgeWeight: null });
    this.fa2.start();
    this.setRunning(true);
    this.stopTimer = setTimeout(() => this.stop(), durationMs ?? Math.min(8000, 1500 + g.order * 4));
  }

  /** Nodes on a circle, clusters (same community, else same schema) next to each other. */
  circular(): void {
    const g = this.graph;
    const nodes = this.movable();
    nodes.sort((a, b) => {
      const A = g.getNodeAttributes(a);
      const B = g.getNodeAttributes(b);
      return (A.community ?? -1) - (B.community ?? -1) || (A.schema < B.schema ? -1 : A.schema > B.schema ? 1 : 0) || g.degree(b) - g.degree(a);
    });
    this.animateTo(circlePositions(nodes, 30, this.centre(nodes)));
  }

  /** Layers by depth from `roots` (the selection), or top-down along link direction with `byDirection`. */
  hierarchical(roots: string[], byDirection = false): void {
    const nodes = this.movable();
    const inSet = new Set(nodes);
    const { positions } = layeredLayout(this.graph, {
      nodes,
      mode: byDirection ? 'direction' : 'depth',
      ...(roots.length ? { roots: roots.filter((r) => inSet.has(r)) } : {}),
      layerGap: 110,
      nodeGap: 60,
    });
    // Sigma's y axis points up: depth goes down the screen.
    const c = this.centre(nodes);
    const out: Positions = {};
    for (const [id, p] of Object.entries(positions)) out[id] = { x: c.x + p.x, y: c.y - p.y };
    this.animateTo(out);
  }

  /** Moves nodes to their targets with an ease-out over `ms`, one graph update a frame. */
  animateTo(targets: Positions, ms = 450): void {
    this.stop();
    const g = this.graph;
    const from = new Map<string, { x: number; y: number }>();
    for (const id of Object.keys(targets)) if (g.hasNode(id)) from.set(id, { x: g.getNodeAttribute(id, 'x'), y: g.getNodeAttribute(id, 'y') });
    const t0 = performance.now();
    this.setRunning(true);
    const step = () => {
      const k = Math.min(1, (performance.now() - t0) / ms);
      const e = 1 - (1 - k) ** 3;
      g.updateEachNodeAttributes(
        (id, a) => {
          const f = from.get(id);
          const t = targets[id];
          if (!f || !t) return a;
          return { ...a, x: f.x + (t.x - f.x) * e, y: f.y + (t.y - f.y) * e };
        },
        { attributes: ['x', 'y'] },
      );
      if (k < 1) this.frame = requestAnimationFrame(step);
      else {
        this.frame = 0;
        this.setRunning(false);
      }
    };
    this.frame = requestAnimationFrame(step);
  }

  stop(): void {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = undefined;
    if (this.fa2) {
      this.fa2.kill();
      this.fa2 = null;
    }
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.setRunning(false);
  }

  private setRunning(r: boolean): void {
    if (this.running === r) return;
    this.running = r;
    this.onRunningChange(r);
  }

  private movable(): string[] {
    return this.graph.filterNodes((_, a) => !a.fixed && !a.hidden);
  }

  private centre(nodes: string[]): { x: number; y: number } {
    if (nodes.length === 0) return { x: 0, y: 0 };
    let x = 0;
    let y = 0;
    for (const n of nodes) {
      x += this.graph.getNodeAttribute(n, 'x');
      y += this.graph.getNodeAttribute(n, 'y');
    }
    return { x: x / nodes.length, y: y / nodes.length };
  }
}
