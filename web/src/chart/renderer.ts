/**
 * Draws the chart with sigma 4 (WebGL): node shapes by schema, rings for selection and pins, path
 * highlighting, arrow heads on directed links. Styles are evaluated when data or state change, never per
 * frame, so panning 5,000 nodes and 20,000 links costs only the GPU draw.
 */
import Sigma from 'sigma';
import { extremityArrow, layerFill, layerPlain, pathCurved, pathLine, pathLoop, sdfCircle, sdfDiamond, sdfSquare, sdfTriangle } from 'sigma/rendering';
import type { ChartGraph } from './model.ts';
import { DIMMED_COLOUR, PATH_COLOUR, SELECTION_COLOUR, schemaStyle } from './palette.ts';
import type { ChartEdgeAttrs, ChartNodeAttrs } from './types.ts';

export interface NodeUiState {
  isSelected: boolean;
  isOnPath: boolean;
}
export interface EdgeUiState {
  isOnPath: boolean;
}
export interface GraphUiState {
  hasPath: boolean;
}

const primitives = {
  nodes: { shapes: [sdfCircle(), sdfSquare(), sdfDiamond(), sdfTriangle()], layers: [layerFill()] },
  edges: { paths: [pathLine(), pathCurved(), pathLoop()], extremities: [extremityArrow()], layers: [layerPlain()] },
};

export type ChartSigma = Sigma<ChartNodeAttrs, ChartEdgeAttrs, Record<string, unknown>, NodeUiState, EdgeUiState, GraphUiState, typeof primitives>;

/** Charts above this many nodes hide labels while moving, which keeps panning smooth on slow GPUs. */
const BIG_CHART = 2000;
/** Charts with this many links or more have no link hover or click (see tuneForSize). */
export const MANY_LINKS = 6000;

/**
 * Creates the sigma renderer in `container` for the model's graph.
 * @example const sigma = createRenderer(div, model.graph); sigma.on('clickNode', ({ node }) => select(node));
 */
export function createRenderer(container: HTMLElement, graph: ChartGraph): ChartSigma {
  const dim = (a: ChartNodeAttrs, s: NodeUiState, g: GraphUiState) => a.dimmed === true || (g.hasPath && !s.isOnPath);
  const sigma: ChartSigma = new Sigma(graph, container, {
    primitives,
    customNodeState: { isSelected: false, isOnPath: false },
    customEdgeState: { isOnPath: false },
    customGraphState: { hasPath: false },
    settings: {
      // Sizes in screen pixels (growing gently with zoom), as analysts expect from a link chart; sigma 4 defaults to graph units.
      itemSizesReference: 'screen',
      enableCameraRotation: false,
      enableCameraMouseRotation: false,
      renderEdgeLabels: false,
      enableEdgeEvents: graph.size < MANY_LINKS,
      enableNodeDrag: true,
      labelRenderedSizeThreshold: graph.order > 300 ? 10 : 4,
      labelDensity: 0.7,
      hideLabelsOnMove: graph.order > BIG_CHART,
      stagePadding: 40,
      minCameraRatio: 0.02,
      maxCameraRatio: 20,
      doubleClickZoomingRatio: 1.8,
    },
    styles: {
      nodes: {
        x: { attribute: 'x' },
        y: { attribute: 'y' },
        size: (a, s) => (s.isHovered ? a.size * 1.15 : a.size),
        color: (a, s, g) => (dim(a, s, g) ? DIMMED_COLOUR : a.color),
        shape: (a) => (a.kind === 'group' ? 'square' : schemaStyle(a.schema).shape),
        label: (a) => (a.fixed ? `📌 ${a.label}` : a.label),
        labelColor: (a, s, g) => (dim(a, s, g) ? '#8a8f98' : '#1f2328'),
        visibility: (a) => (a.hidden ? 'hidden' : 'visible'),
        labelVisibility: (a, s) => (s.isSelected || s.isHovered || s.isOnPath ? 'visible' : 'auto'),
        depth: (_a, s) => (s.isSelected || s.isHovered || s.isOnPath ? 'topNodes' : 'nodes'),
        zIndex: (a) => a.size,
        backdropVisibility: (a, s) => (s.isSelected || s.isHovered || s.isOnPath || a.fixed ? 'visible' : 'hidden'),
        backdropColor: 'rgba(255,255,255,0.92)',
        backdropShadowColor: 'rgba(0,0,0,0.25)',
        backdropShadowBlur: (_a, s) => (s.isHovered ? 8 : 0),
        backdropPadding: 3,
        backdropBorderColor: (_a, s) => (s.isSelected ? SELECTION_COLOUR : s.isOnPath ? PATH_COLOUR : '#3d3d3d'),
        backdropBorderWidth: (_a, s) => (s.isSelected || s.isOnPath ? 3 : 1.5),
        backdropArea: (_a, s) => (s.isHovered || s.isSelected ? 'both' : 'node'),
        cursor: 'pointer',
      },
      edges: {
        path: 'straight',
        parallelPath: 'curved',
        // Fifty payments between two accounts fan out within a narrow lens instead of a wide bouquet.
        parallelSpread: (_a, s) => Math.min(0.25, 0.6 / Math.max(1, s.parallelCount)),
        selfLoopPath: 'loop',
        size: (a, s) => (s.isOnPath ? Math.max(3, a.size * 1.5) : s.isHovered ? a.size + 1 : a.size),
        color: (a, s, g) => (s.isOnPath ? PATH_COLOUR : g.hasPath ? DIMMED_COLOUR : a.color),
        head: (a) => (a.directed ? 'arrow' : 'none'),
        visibility: (a) => (a.hidden ? 'hidden' : 'visible'),
        depth: (_a, s) => (s.isOnPath || s.isHovered ? 'topEdges' : 'edges'),
        label: { attribute: 'label' },
        cursor: 'pointer',
      },
    },
  });
  return sigma;
}

/**
 * Makes labels denser or sparser as the chart grows and lighter while moving when it is big; on a chart of many
 * thousand links, hovering and clicking single links is switched off (it costs a second drawing pass of every link,
 * seconds a frame on software GL). Settings are only touched when they change, as each change redraws.
 */
export function tuneForSize(sigma: ChartSigma, graph: ChartGraph): void {
  const want = { labelRenderedSizeThreshold: graph.order > 300 ? 10 : 4, hideLabelsOnMove: graph.order > BIG_CHART, enableEdgeEvents: graph.size < MANY_LINKS };
  const changed = (Object.keys(want) as (keyof typeof want)[]).some((k) => sigma.getSetting(k) !== want[k]);
  if (changed) sigma.setSettings(want);
}
