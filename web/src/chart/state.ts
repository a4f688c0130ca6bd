/**
 * Saving and reopening a chart: the state stored with PUT /charts/:id holds ids, positions and view
 * settings only. On opening, the entities and links are fetched again, so the chart shows only what the
 * analyst may see today, with today's names.
 */
import type { ChartModel } from './model.ts';
import type { ChartState, LayoutName, NetworkView, TimeWindow } from './types.ts';

export interface ViewSettings {
  layout: LayoutName;
  colourBy: string | null;
  sizeBy: string | null;
  camera?: { x: number; y: number; ratio: number; angle: number };
}

/** The chart's state for saving. */
export function chartState(model: ChartModel, view: ViewSettings): ChartState {
  const g = model.graph;
  const positions: Record<string, [number, number]> = {};
  const round = (v: number) => Math.round(v * 100) / 100;
  const groups: ChartState['groups'] = [];
  for (const grp of model.groupList()) {
    const at = g.getNodeAttributes(grp.id);
    groups.push({ id: grp.id, label: grp.label, members: grp.members, x: round(at.x), y: round(at.y) });
  }
  g.forEachNode((id, a) => {
    if (a.kind === 'entity') positions[id] = [round(a.x), round(a.y)];
  });
  // Grouped members have no node: keep a position for them anyway (their group's), so they reopen nearby.
  for (const grp of groups) for (const m of grp.members) positions[m] = [grp.x, grp.y];
  return {
    version: 1,
    nodes: model.entityIds(),
    edges: [...model.links.keys()],
    positions,
    pinned: g.filterNodes((_, a) => a.fixed === true),
    hidden: g.filterNodes((_, a) => a.hidden === true),
    groups,
    layout: view.layout,
    colourBy: view.colourBy,
    sizeBy: view.sizeBy,
    window: model.window,
    ...(view.camera ? { camera: view.camera } : {}),
  };
}

export interface RestoreReport {
  /** Entities the saved chart had that the server no longer returns (deleted, or not visible to this user). */
  missingEntities: number;
  missingLinks: number;
}

/** Checks the parts of a saved state the chart relies on; a state from a newer or broken client is refused. */
export function parseState(raw: unknown): ChartState {
  const s = raw as Partial<ChartState> | null;
  if (!s || typeof s !== 'object' || s.version !== 1 || !Array.isArray(s.nodes)) throw new Error('This chart was saved in a format this version of Corvid cannot read.');
  return {
    version: 1,
    nodes: s.nodes.filter((x): x is string => typeof x === 'string'),
    edges: Array.isArray(s.edges) ? s.edges.filter((x): x is string => typeof x === 'string') : [],
    positions: s.positions && typeof s.positions === 'object' ? s.positions : {},
    pinned: Array.isArray(s.pinned) ? s.pinned : [],
    hidden: Array.isArray(s.hidden) ? s.hidden : [],
    groups: Array.isArray(s.groups) ? s.groups : [],
    layout: s.layout === 'circular' || s.layout === 'hierarchical' ? s.layout : 'force',
    colourBy: typeof s.colourBy === 'string' ? s.colourBy : null,
    sizeBy: typeof s.sizeBy === 'string' ? s.sizeBy : null,
    window: isWindow(s.window) ? s.window : null,
    ...(s.camera ? { camera: s.camera } : {}),
  };
}

function isWindow(w: unknown): w is TimeWindow {
  return !!w && typeof (w as TimeWindow).from === 'string' && typeof (w as TimeWindow).to === 'string';
}

/**
 * Puts a saved chart back on an empty model from the fetched view (POST /network/subgraph of its ids):
 * only the saved links are kept (when the saved state lists them), then groups, pins, hidden nodes and
 * the time window are restored.
 */
export function restoreState(model: ChartModel, state: ChartState, view: NetworkView): RestoreReport {
  const savedLinks = new Set(state.edges);
  const known = view.edges.filter((e) => savedLinks.has(e.id));
  // Links get new ids when their source data changes; if none of the saved ids survive, show all links rather than none.
  const edges = state.edges.length > 0 && known.length > 0 ? known : view.edges;
  model.clear();
  model.addView({ nodes: view.nodes, edges }, { positions: state.positions });
  const present = new Set(view.nodes.map((n) => n.id));
  const groupIds = new Map<string, string>();
  for (const grp of state.groups) {
    const id = model.restoreGroup(
      grp.members.filter((m) => present.has(m)),
      grp.label,
      { x: grp.x, y: grp.y },
    );
    if (id) groupIds.set(grp.id, id);
  }
  const mapId = (id: string) => groupIds.get(id) ?? id;
  model.setPinned(state.pinned.map(mapId), true);
  model.setHidden(state.hidden.map(mapId), true);
  model.setWindow(state.window);
  return {
    missingEntities: state.nodes.filter((id) => !present.has(id)).length,
    missingLinks: state.edges.length > 0 && known.length > 0 ? state.edges.length - known.length : 0,
  };
}
