// Shapes of the link chart: graph attributes, the saved chart state, and the API answers the chart reads.
import type { EdgeKind, NetworkEdge, NetworkNode, NetworkView } from '../../../src/network/types.ts';
import type { Entity } from '../types.ts';

export type { EdgeKind, NetworkEdge, NetworkNode, NetworkView };

/** Attributes of a chart node: an entity, or a group standing for several collapsed entities. */
export interface ChartNodeAttrs {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  schema: string;
  datasets: string[];
  kind: 'entity' | 'group';
  /** Pinned: ForceAtlas2 reads `fixed` and leaves the node where it is; the other layouts skip it too. */
  fixed?: boolean;
  hidden?: boolean;
  /** Left without a visible link by the time window. */
  dimmed?: boolean;
  /** Community number from the colour measure, for the legend and the circular layout's order. */
  community?: number;
  /** Score from the size measure. */
  score?: number;
}

/** Attributes of a chart edge: one link as the API gave it, with its endpoints possibly redirected to a group. */
export interface ChartEdgeAttrs {
  kind: EdgeKind;
  schema: string;
  label: string;
  directed: boolean;
  start?: string;
  end?: string;
  weight: number;
  size: number;
  color: string;
  hidden?: boolean;
}

/** A time window on the links' dates, both ends inclusive, as ISO dates (yyyy-mm-dd). */
export interface TimeWindow {
  from: string;
  to: string;
}

export type LayoutName = 'force' | 'circular' | 'hierarchical';

/** What PUT /charts/:id stores as `state`: ids and view settings only; entities and links are fetched again on opening. */
export interface ChartState {
  version: 1;
  nodes: string[];
  edges: string[];
  positions: Record<string, [number, number]>;
  pinned: string[];
  hidden: string[];
  groups: { id: string; label: string; members: string[]; x: number; y: number }[];
  layout: LayoutName;
  colourBy: string | null;
  sizeBy: string | null;
  window: TimeWindow | null;
  camera?: { x: number; y: number; ratio: number; angle: number };
}

/** A saved chart as GET /charts/:id answers. */
export interface SavedChart {
  id: string;
  name: string;
  case: string;
  state: ChartState;
  updatedAt: string;
  by: string;
}

/** One row of GET /charts. */
export interface ChartSummary {
  id: string;
  name: string;
  case: string;
  updatedAt: string;
  by: string;
}

/** One analysis GET /network/analyses offers. */
export interface AnalysisInfo {
  name: string;
  description: string;
  citation: string;
  params: { name: string; default: unknown; description: string }[];
}

/** The envelope POST /network/analyze answers. */
export interface AnalysisAnswer {
  algorithm: string;
  citation: string;
  params: Record<string, unknown>;
  result: unknown;
}

/** POST /network/paths answer. */
export interface PathsAnswer {
  paths: { nodes: string[]; edges: string[] }[];
  truncated: boolean;
  view: NetworkView;
}

/** An entity as GET /search and GET /entities/:id answer (the UI's one Entity shape). */
export type EntityRecord = Entity;
