/** The one list of typology detectors, with their parameter specs, that run.ts, the API and the CLI read. */
import { bipartite, BIPARTITE_CITATION, BIPARTITE_PARAMS } from './typologies/bipartite.ts';
import { cycles, CYCLE_CITATION, CYCLE_PARAMS } from './typologies/cycle.ts';
import { fanIn, FAN_IN_CITATION, FAN_IN_PARAMS } from './typologies/fan-in.ts';
import { fanOut, FAN_OUT_CITATION, FAN_OUT_PARAMS } from './typologies/fan-out.ts';
import { gatherScatter, GATHER_SCATTER_CITATION, GATHER_SCATTER_PARAMS } from './typologies/gather-scatter.ts';
import { mules, MULE_CITATION, MULE_PARAMS } from './typologies/mule.ts';
import { peelChains, PEEL_CITATION, PEEL_PARAMS } from './typologies/peel-chain.ts';
import { rapidNewAccounts, RAPID_CITATION, RAPID_PARAMS } from './typologies/rapid-new-account.ts';
import { splitFanIns, SPLIT_FAN_IN_CITATION, SPLIT_FAN_IN_PARAMS } from './typologies/split-fan-in.ts';
import { splitPayments, SPLIT_PAYMENT_CITATION, SPLIT_PAYMENT_PARAMS } from './typologies/split-payment.ts';
import { scatterGather, SCATTER_GATHER_CITATION, SCATTER_GATHER_PARAMS } from './typologies/scatter-gather.ts';
import { stack, STACK_CITATION, STACK_PARAMS } from './typologies/stack.ts';
import { structuring, STRUCTURING_CITATION, STRUCTURING_PARAMS } from './typologies/structuring.ts';
import type { Detector } from './types.ts';

/** Every detector, in the order they run (AMLSim's typologies first). */
export const DETECTORS: readonly Detector[] = [
  { name: 'fan-out', typology: 'fan-out', citation: FAN_OUT_CITATION, params: FAN_OUT_PARAMS, run: fanOut },
  { name: 'fan-in', typology: 'fan-in', citation: FAN_IN_CITATION, params: FAN_IN_PARAMS, run: fanIn },
  { name: 'cycle', typology: 'cycle', citation: CYCLE_CITATION, params: CYCLE_PARAMS, run: cycles },
  { name: 'scatter-gather', typology: 'scatter-gather', citation: SCATTER_GATHER_CITATION, params: SCATTER_GATHER_PARAMS, run: scatterGather },
  { name: 'gather-scatter', typology: 'gather-scatter', citation: GATHER_SCATTER_CITATION, params: GATHER_SCATTER_PARAMS, run: gatherScatter },
  { name: 'bipartite', typology: 'bipartite', citation: BIPARTITE_CITATION, params: BIPARTITE_PARAMS, run: bipartite },
  { name: 'stack', typology: 'stack', citation: STACK_CITATION, params: STACK_PARAMS, run: stack },
  { name: 'mule', typology: 'mule', citation: MULE_CITATION, params: MULE_PARAMS, run: mules },
  { name: 'structuring', typology: 'structuring', citation: STRUCTURING_CITATION, params: STRUCTURING_PARAMS, run: structuring },
  { name: 'peel-chain', typology: 'peel-chain', citation: PEEL_CITATION, params: PEEL_PARAMS, run: peelChains },
  { name: 'rapid-new-account', typology: 'rapid-new-account', citation: RAPID_CITATION, params: RAPID_PARAMS, run: rapidNewAccounts },
  { name: 'split-payment', typology: 'split-payment', citation: SPLIT_PAYMENT_CITATION, params: SPLIT_PAYMENT_PARAMS, run: splitPayments },
  { name: 'split-fan-in', typology: 'split-fan-in', citation: SPLIT_FAN_IN_CITATION, params: SPLIT_FAN_IN_PARAMS, run: splitFanIns },
];

/** The detector of that name, or undefined. */
export function detectorByName(name: string): Detector | undefined {
  return DETECTORS.find((d) => d.name === name);
}
