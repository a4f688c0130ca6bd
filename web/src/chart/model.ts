/**
 * The link chart's data: the entities and links on the chart, what is hidden, pinned or grouped, and the
 * time window, kept in one graphology graph that the renderer draws. Pure (no DOM), so tests run it in Node.
 */
import { MultiGraph } from 'graphology';
import { DEFAULT_NODE_SIZE, GROUP_COLOUR, GROUP_NODE_SIZE, edgeColour, edgeSize, schemaStyle } from './palette.ts';
import { edgeInWindow } from './timeline-bins.ts';
import type { ChartEdgeAttrs, ChartNodeAttrs, NetworkEdge, NetworkNode, NetworkView, TimeWindow } from './types.ts';

export type ChartGraph = MultiGraph<ChartNodeAttrs, ChartEdgeAttrs>;

export interface ChartCounts {
  /** Entities shown (members of a shown group count one each). */
  entities: number;
  /** Links drawn. */
  links: number;
  hiddenNodes: number;
  /** Links hidden by the time window or by a hidden end. */
  hiddenLinks: number;
  dimmed: number;
  groups: number;
}

interface Group {
  label: string;
  members: string[];
  /** Member offsets from the group node when collapsed, so ungrouping puts them back as they were. */
  offsets: Map<string, [number, number]>;
}

/** The chart's data model; every structural change bumps `version` and tells the listeners once. */
export class ChartModel {
  readonly graph: ChartGraph = new MultiGraph<ChartNodeAttrs, ChartEdgeAttrs>({ type: 'mixed', allowSelfLoops: true });
  readonly entities = new Map<string, NetworkNode>();
  readonly links = new Map<string, NetworkEdge>();
  private readonly groups = new Map<string, Group>();
  private readonly memberOf = new Map<string, string>();
  private groupSeq = 0;
  window: TimeWindow | null = null;
  version = 0;
  private readonly listeners = new Set<() => void>();
  /** A seeded generator for new nodes' positions, so tests and saved charts are repeatable. */
  private seed = 1;

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  protected changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  private random(): number {
    // mulberry32
    let t = (this.seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** The node that stands for an entity on the graph: itself, or the group it is collapsed into. */
  rep(id: string): string {
    return this.memberOf.get(id) ?? id;
  }

  isGroup(id: string): boolean {
    return this.groups.has(id);
  }

  groupMembers(id: string): string[] {
    return this.groups.get(id)?.members ?? [];
  }

  groupList(): { id: string; label: string; members: string[] }[] {
    return [...this.groups.entries()].map(([id, g]) => ({ id, label: g.label, members: [...g.members] }));
  }

  /** Entity ids on the chart, grouped ones included. */
  entityIds(): string[] {
    return [...this.entities.keys()];
  }

  /**
   * Adds a view's entities and links (those already there are kept as they are). New nodes are placed
   * in a ring around `near` (the expanded node) or around the chart's centre; hidden ones that the view
   * names are shown again, because the analyst just asked for them.
   * @example model.addView(await api('GET', `/network/expand/${id}`), { near: id })
   */
  addView(view: NetworkView, opts: { near?: string; positions?: Record<string, [number, number]> } = {}): { nodes: string[]; edges: string[] } {
    const g = this.graph;
    const added: string[] = [];
    const anchor = opts.near && g.hasNode(this.rep(opts.near)) ? g.getNodeAttributes(this.rep(opts.near)) : this.centre();
    const fresh = view.nodes.filter((n) => !this.entities.has(n.id));
    const radius = 40 + 12 * Math.sqrt(fresh.length);
    fresh.forEach((n, i) => {
      this.entities.set(n.id, n);
      const given = opts.positions?.[n.id];
      // Golden-angle spiral: even spacing for any count, no two nodes on the same spot (ForceAtlas2 needs that).
      const angle = i * 2.399963 + this.random() * 0.2;
      const r = radius * Math.sqrt((i + 1) / Math.max(1, fresh.length));
      const style = schemaStyle(n.schema);
      g.addNode(n.id, {
        x: given ? given[0] : anchor.x + r * Math.cos(angle),
        y: given ? given[1] : anchor.y + r * Math.sin(angle),
        size: DEFAULT_NODE_SIZE,
        color: style.colour,
        label: n.label || n.id,
        schema: n.schema,
        datasets: n.datasets,
        kind: 'entity',
      });
      added.push(n.id);
    });
    for (const n of view.nodes) {
      const r = this.rep(n.id);
      if (g.hasNode(r) && g.getNodeAttribute(r, 'hidden')) g.setNodeAttribute(r, 'hidden', false);
    }
    const addedEdges: string[] = [];
    for (const e of view.edges) {
      if (this.links.has(e.id) || !this.entities.has(e.from) || !this.entities.has(e.to)) continue;
      this.links.set(e.id, e);
      if (this.placeEdge(e)) addedEdges.push(e.id);
    }
    this.refreshVisibility();
    this.changed();
    return { nodes: added, edges: addedEdges };
  }

  /** Puts a link on the graph between the nodes that stand for its ends; links inside one group are not drawn. */
  private placeEdge(e: NetworkEdge): boolean {
    const a = this.rep(e.from);
    const b = this.rep(e.to);
    if (a !== e.from || b !== e.to) {
      if (a === b) return false;
    }
    if (!this.graph.hasNode(a) || !this.graph.hasNode(b) || this.graph.hasEdge(e.id)) return false;
    const attrs: ChartEdgeAttrs = {
      kind: e.kind,
      schema: e.schema,
      label: e.label,
      directed: e.directed,
      weight: e.weight,
      size: edgeSize(e.weight),
      color: edgeColour(e.kind),
      ...(e.start ? { start: e.start } : {}),
      ...(e.end ? { end: e.end } : {}),
    };
    if (e.directed) this.graph.addDirectedEdgeWithKey(e.id, a, b, attrs);
    else this.graph.addUndirectedEdgeWithKey(e.id, a, b, attrs);
    return true;
  }

  private centre(): { x: number; y: number } {
    const g = this.graph;
    if (g.order === 0) return { x: 0, y: 0 };
    let x = 0;
    let y = 0;
    g.forEachNode((_, a) => {
      x += a.x;
      y += a.y;
    });
    return { x: x / g.order, y: y / g.order };
  }

  /** Takes entities (or groups, with their members) off the chart, with their links. */
  remove(ids: string[]): void {
    for (const id of ids) {
      const group = this.groups.get(id);
      const entities = group ? group.members : [id];
      if (group) this.dissolve(id);
      for (const e of entities) {
        if (this.graph.hasNode(e)) this.graph.dropNode(e);
        this.entities.delete(e);
      }
    }
    for (const [id, l] of this.links) if (!this.entities.has(l.from) || !this.entities.has(l.to)) this.links.delete(id);
    this.refreshVisibility();
    this.changed();
  }

  setHidden(ids: string[], hidden: boolean): void {
    for (const id of ids) if (this.graph.hasNode(id)) this.graph.setNodeAttribute(id, 'hidden', hidden);
    this.refreshVisibility();
    this.changed();
  }

  showAll(): void {
    this.setHidden(this.graph.filterNodes((_, a) => a.hidden === true), false);
  }

  /** Pins (or unpins) nodes; with `pinned` undefined each one flips. */
  setPinned(ids: string[], pinned?: boolean): void {
    for (const id of ids) if (this.graph.hasNode(id)) this.graph.setNodeAttribute(id, 'fixed', pinned ?? !this.graph.getNodeAttribute(id, 'fixed'));
    this.changed();
  }

  /**
   * Collapses nodes into one group node at their centre; their links to the rest of the chart now end
   * at the group. Groups inside the selection are opened first, so a group never holds a group.
   * @example const gid = model.group(['a', 'b'], 'Rossi family')
   */
  group(ids: string[], label?: string): string | null {
    const entityIds = ids.flatMap((id) => (this.groups.has(id) ? this.dissolve(id) : this.entities.has(id) ? [id] : []));
    const members = [...new Set(entityIds)].filter((id) => this.graph.hasNode(id));
    if (members.length < 2) return null;
    const g = this.graph;
    let cx = 0;
    let cy = 0;
    for (const m of members) {
      cx += g.getNodeAttribute(m, 'x');
      cy += g.getNodeAttribute(m, 'y');
    }
    cx /= members.length;
    cy /= members.length;
    const id = `group:${++this.groupSeq}`;
    const offsets = new Map<string, [number, number]>();
    for (const m of members) offsets.set(m, [g.getNodeAttribute(m, 'x') - cx, g.getNodeAttribute(m, 'y') - cy]);
    const name = label ?? `${this.entities.get(members[0])?.label ?? members[0]} + ${members.length - 1}`;
    this.groups.set(id, { label: name, members, offsets });
    for (const m of members) {
      g.dropNode(m);
      this.memberOf.set(m, id);
    }
    g.addNode(id, { x: cx, y: cy, size: GROUP_NODE_SIZE, color: GROUP_COLOUR, label: `${name} (${members.length})`, schema: 'Group', datasets: [], kind: 'group' });
    this.replaceLinksOf(members);
    this.refreshVisibility();
    this.changed();
    return id;
  }

  /** Opens a group: its members come back where they were relative to the group node. */
  ungroup(id: string): string[] {
    const members = this.dissolve(id);
    this.refreshVisibility();
    this.changed();
    return members;
  }

  private dissolve(id: string): string[] {
    const group = this.groups.get(id);
    if (!group) return [];
    const g = this.graph;
    const at = g.getNodeAttributes(id);
    g.dropNode(id);
    this.groups.delete(id);
    for (const m of group.members) {
      this.memberOf.delete(m);
      const n = this.entities.get(m);
      if (!n) continue;
      const [dx, dy] = group.offsets.get(m) ?? [0, 0];
      g.addNode(m, { x: at.x + dx, y: at.y + dy, size: DEFAULT_NODE_SIZE, color: schemaStyle(n.schema).colour, label: n.label || n.id, schema: n.schema, datasets: n.datasets, kind: 'entity' });
    }
    this.replaceLinksOf(group.members);
    return group.members;
  }

  /** Re-places every link touching these entities (after they moved in or out of a group). */
  private replaceLinksOf(entityIds: string[]): void {
    const touched = new Set(entityIds);
    for (const l of this.links.values()) {
      if (!touched.has(l.from) && !touched.has(l.to)) continue;
      if (this.graph.hasEdge(l.id)) this.graph.dropEdge(l.id);
      this.placeEdge(l);
    }
  }

  /** Sets or clears the time window; links outside it are hidden, nodes left without a link are dimmed. */
  setWindow(window: TimeWindow | null): void {
    this.window = window;
    this.refreshVisibility();
    this.changed();
  }

  /**
   * Recomputes which links are drawn and which nodes are dimmed. Only items whose value changes get an
   * update: sigma 4 re-indexes single updates safely, while its batch update path assumes every item
   * was already drawn once, which fresh nodes are not.
   */
  refreshVisibility(): void {
    const g = this.graph;
    const win = this.window;
    const lit = new Set<string>();
    g.forEachEdge((e, a, s, t, sa, ta) => {
      const hidden = sa.hidden === true || ta.hidden === true || (win !== null && !edgeInWindow(a, win));
      if (!hidden) {
        lit.add(s);
        lit.add(t);
      }
      if ((a.hidden === true) !== hidden) g.setEdgeAttribute(e, 'hidden', hidden);
    });
    g.forEachNode((n, a) => {
      const dimmed = win !== null && a.hidden !== true && g.degree(n) > 0 && !lit.has(n);
      if ((a.dimmed === true) !== dimmed) g.setNodeAttribute(n, 'dimmed', dimmed);
    });
  }

  /** Merges per-node changes, touching only nodes whose attributes differ (see refreshVisibility for why). */
  patchNodes(fn: (id: string, a: ChartNodeAttrs) => Partial<ChartNodeAttrs>): void {
    const g = this.graph;
    g.forEachNode((id, a) => {
      const patch = fn(id, a);
      const keys = Object.keys(patch) as (keyof ChartNodeAttrs)[];
      if (keys.some((k) => a[k] !== patch[k])) g.mergeNodeAttributes(id, patch);
    });
  }

  counts(): ChartCounts {
    const c: ChartCounts = { entities: 0, links: 0, hiddenNodes: 0, hiddenLinks: 0, dimmed: 0, groups: this.groups.size };
    this.graph.forEachNode((id, a) => {
      if (a.hidden) c.hiddenNodes++;
      else c.entities += a.kind === 'group' ? this.groupMembers(id).length : 1;
      if (a.dimmed && !a.hidden) c.dimmed++;
    });
    this.graph.forEachEdge((_, a) => {
      if (a.hidden) c.hiddenLinks++;
      else c.links++;
    });
    return c;
  }

  /** Everything visible, as entity ids (group members included): what the analyses run on. */
  visibleEntityIds(): string[] {
    return this.graph.filterNodes((_, a) => !a.hidden).flatMap((id) => (this.groups.has(id) ? this.groupMembers(id) : [id]));
  }

  /** Restores groups from a saved chart (after the entities are back on it). */
  restoreGroup(members: string[], label: string, at: { x: number; y: number }): string | null {
    const id = this.group(members, label);
    if (id) this.graph.mergeNodeAttributes(id, { x: at.x, y: at.y });
    return id;
  }

  /** Empties the chart. */
  clear(): void {
    this.graph.clear();
    this.entities.clear();
    this.links.clear();
    this.groups.clear();
    this.memberOf.clear();
    this.window = null;
    this.changed();
  }
}
