// React's view of the chart controller: the snapshot, re-read only when the controller publishes a change.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChartActions } from './actions.ts';
import type { ChartController, ChartSnapshot } from './controller.ts';

export interface ChartHandles {
  controller: ChartController;
  actions: ChartActions;
}

export const ChartContext = createContext<ChartHandles | null>(null);

/** The chart's controller and actions (inside ChartPage). */
export function useChartHandles(): ChartHandles {
  const h = useContext(ChartContext);
  if (!h) throw new Error('useChartHandles outside ChartPage');
  return h;
}

/** The current snapshot; components re-render when the chart changes, not when the camera moves. */
export function useChartSnapshot(): ChartSnapshot {
  const { controller } = useChartHandles();
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot);
}
