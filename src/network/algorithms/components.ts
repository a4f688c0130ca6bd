/** Connected components (direction ignored, i.e. weak components of directed graphs), via graphology-components. */
import { connectedComponents as graphologyComponents } from 'graphology-components';
import type { Analysis, CorvidGraph } from '../types.ts';

export const COMPONENTS_CITATION = 'Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph manipulation. Communications of the ACM 16(6), 372–378.';

/** No options: kept as an (empty) object so the analysis API can pass every algorithm its params the same way. */
export type ComponentsParams = Record<string, never>;

export interface ComponentsResult {
  count: number;
  /** Member ids of each component, largest component first. */
  components: string[][];
  /** Node id → index in `components`. */
  of: Record<string, number>;
}

/**
 * The connected components of `g`, largest first (ties keep graphology's node order). Direction is
 * ignored, so a directed graph gives its weakly connected components; isolated nodes are components of one.
 * @example connectedComponents(g).result.components[0] // the largest component's node ids
 */
export function connectedComponents(g: CorvidGraph, options: ComponentsParams = {}): Analysis<ComponentsParams, ComponentsResult> {
  void options;
  const components = graphologyComponents(g).sort((a, b) => b.length - a.length);
  const of: Record<string, number> = {};
  components.forEach((members, i) => {
    for (const id of members) of[id] = i;
  });
  return { algorithm: 'components', citation: COMPONENTS_CITATION, params: {}, result: { count: components.length, components, of } };
}
