/**
 * The chart's controller: owns the model, the sigma renderer and the layout runner, the selection and
 * path highlight, and publishes a small snapshot for React (re-rendered on changes, never per frame).
 */
import { attachBoxSelect } from './box-select.ts';
import type { ChartError } from './errors.ts';
import { attachFastPan } from './fast-pan.ts';
import { LayoutRunner } from './layout.ts';
import type { ColourLegend, SizeLegend } from './measures.ts';
import { ChartModel, type ChartCounts } from './model.ts';
import { createRenderer, tuneForSize, type ChartSigma } from './renderer.ts';
import type { LayoutName, TimeWindow } from './types.ts';

export interface PathsState {
  from: string;
  to: string;
  paths: { nodes: string[]; edges: string[] }[];
  truncated: boolean;
  active: number | null;
}

export interface ChartSnapshot {
  version: number;
  counts: ChartCounts;
  selection: string[];
  focusEdge: string | null;
  layout: LayoutName;
  layoutRunning: boolean;
  window: TimeWindow | null;
  paths: PathsState | null;
  colourLegend: ColourLegend | null;
  sizeLegend: SizeLegend | null;
  busy: string | null;
  error: (ChartError & { retry?: () => void }) | null;
  notice: string | null;
  menu: { node: string; x: number; y: number } | null;
  chart: { id: string | null; name: string; caseName: string; dirty: boolean };
  help: boolean;
}

export class ChartController {
  readonly model = new ChartModel();
  readonly layout = new LayoutRunner(this.model.graph);
  sigma: ChartSigma | null = null;
  private readonly selected = new Set<string>();
  private snap: ChartSnapshot;
  private readonly listeners = new Set<() => void>();
  private savedVersion = 0;
  private moved = false;
  private state: Omit<ChartSnapshot, 'version' | 'counts' | 'selection' | 'window' | 'layoutRunning'> = {
    focusEdge: null,
    layout: 'force',
    paths: null,
    colourLegend: null,
    sizeLegend: null,
    busy: null,
    error: null,
    notice: null,
    menu: null,
    chart: { id: null, name: '', caseName: '', dirty: false },
    help: false,
  };

  constructor() {
    this.snap = this.build();
    this.model.onChange(() => {
      for (const id of [...this.selected]) if (!this.model.graph.hasNode(id)) this.selected.delete(id);
      if (this.sigma) tuneForSize(this.sigma, this.model.graph);
      this.publish();
    });
    this.layout.onRunningChange = (running) => {
      if (!running) this.moved = true;
      this.publish();
    };
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): ChartSnapshot => this.snap;

  private build(): ChartSnapshot {
    const m = this.model;
    return {
      ...this.state,
      version: m.version,
      counts: m.counts(),
      selection: [...this.selected],
      window: m.window,
      layoutRunning: this.layout.running,
      chart: { ...this.state.chart, dirty: this.state.chart.dirty || m.version !== this.savedVersion || this.moved },
    };
  }

  /** Rebuilds the snapshot and tells React (one object per change, so unchanged renders are skipped). */
  publish(): void {
    this.snap = this.build();
    for (const fn of this.listeners) fn();
  }

  set(patch: Partial<ChartController['state']>): void {
    this.state = { ...this.state, ...patch };
    this.publish();
  }

  get view(): ChartController['state'] {
    return this.state;
  }

  /** Marks the chart as saved as it is now. */
  markSaved(id: string, name: string, caseName: string): void {
    this.savedVersion = this.model.version;
    this.moved = false;
    this.set({ chart: { id, name, caseName, dirty: false } });
  }

  /** Creates the renderer in the container and wires its events; returns the clean-up. */
  attach(container: HTMLElement, handlers: { onExpand: (id: string) => void }): () => void {
    const sigma = createRenderer(container, this.model.graph);
    this.sigma = sigma;
    sigma.on('clickNode', ({ node, event }) => {
      const e = event.original as MouseEvent;
      this.select([node], e.ctrlKey || e.metaKey || e.shiftKey ? 'toggle' : 'replace');
    });
    sigma.on('clickEdge', ({ edge }) => this.set({ focusEdge: edge, menu: null }));
    const stageClick = () => {
      if (this.selected.size || this.state.focusEdge || this.state.menu) {
        this.clearSelection();
        this.set({ focusEdge: null, menu: null });
      }
    };
    sigma.on('clickStage', stageClick);
    sigma.on('rightClickNode', ({ node, event, preventSigmaDefault }) => {
      preventSigmaDefault();
      (event.original as MouseEvent).preventDefault();
      if (!this.selected.has(node)) this.select([node], 'replace');
      this.set({ menu: { node, x: event.x, y: event.y } });
    });
    sigma.on('doubleClickNode', ({ node, preventSigmaDefault }) => {
      preventSigmaDefault();
      handlers.onExpand(node);
    });
    sigma.on('nodeDragStart', () => {
      if (this.layout.running) this.layout.stop();
    });
    sigma.on('nodeDragEnd', () => {
      this.moved = true;
      this.publish();
    });
    const detachBox = attachBoxSelect(container, sigma, this.model.graph, (ids, mode) => this.select(ids, mode));
    const detachPan = attachFastPan(container, sigma, this.model.graph, stageClick);
    return () => {
      detachPan();
      detachBox();
      this.layout.stop();
      sigma.kill();
      this.sigma = null;
    };
  }

  /** Changes the selection and the sigma node states of the nodes that changed. */
  select(ids: string[], mode: 'replace' | 'add' | 'toggle'): void {
    const g = this.model.graph;
    const before = new Set(this.selected);
    if (mode === 'replace') this.selected.clear();
    for (const id of ids) {
      if (!g.hasNode(id)) continue;
      if (mode === 'toggle' && before.has(id)) this.selected.delete(id);
      else this.selected.add(id);
    }
    const sigma = this.sigma;
    if (sigma) {
      const off = [...before].filter((id) => !this.selected.has(id) && g.hasNode(id));
      const on = [...this.selected].filter((id) => !before.has(id));
      if (off.length) sigma.setNodesState(off, { isSelected: false });
      if (on.length) sigma.setNodesState(on, { isSelected: true });
    }
    this.state = { ...this.state, focusEdge: null };
    this.publish();
  }

  clearSelection(): void {
    this.select([], 'replace');
  }

  selection(): string[] {
    return [...this.selected];
  }

  selectedSet(): ReadonlySet<string> {
    return this.selected;
  }

  selectAll(): void {
    this.select(
      this.model.graph.filterNodes((_, a) => !a.hidden),
      'replace',
    );
  }

  /** Adds the visible neighbours of the selection to it. */
  selectNeighbours(): void {
    const g = this.model.graph;
    const add = new Set<string>();
    for (const id of this.selected) g.forEachNeighbor(id, (n, a) => !a.hidden && add.add(n));
    this.select([...add], 'add');
  }

  runLayout(name: LayoutName): void {
    this.state = { ...this.state, layout: name };
    if (name === 'force') {
      if (this.layout.running) this.layout.stop();
      else this.layout.force();
    } else if (name === 'circular') this.layout.circular();
    else this.layout.hierarchical(this.selection());
    this.publish();
  }

  fit(): void {
    void this.sigma?.getCamera().reset({ duration: 300 });
  }

  /** Highlights paths (all of them, or only `active`), their nodes on top and everything else greyed. */
  showPaths(paths: PathsState | null): void {
    const sigma = this.sigma;
    const prev = this.state.paths;
    const g = this.model.graph;
    if (sigma && prev) {
      const old = this.pathItems(prev);
      sigma.setNodesState(old.nodes.filter((n) => g.hasNode(n)), { isOnPath: false });
      sigma.setEdgesState(old.edges.filter((e) => g.hasEdge(e)), { isOnPath: false });
    }
    if (sigma && paths) {
      const items = this.pathItems(paths);
      sigma.setNodesState(items.nodes.filter((n) => g.hasNode(n)), { isOnPath: true });
      sigma.setEdgesState(items.edges.filter((e) => g.hasEdge(e)), { isOnPath: true });
    }
    sigma?.setGraphState({ hasPath: paths !== null && paths.paths.length > 0 });
    this.set({ paths });
  }

  private pathItems(p: PathsState): { nodes: string[]; edges: string[] } {
    const chosen = p.active === null ? p.paths : p.paths.slice(p.active, p.active + 1);
    return { nodes: [...new Set(chosen.flatMap((x) => x.nodes.map((n) => this.model.rep(n))))], edges: [...new Set(chosen.flatMap((x) => x.edges))] };
  }

  setWindow(w: TimeWindow | null): void {
    this.model.setWindow(w);
  }

  camera(): { x: number; y: number; ratio: number; angle: number } | undefined {
    return this.sigma?.getCamera().getState();
  }
}
