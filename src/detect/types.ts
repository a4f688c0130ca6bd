/** The shapes every typology detector shares: findings, windows, parameter specs and the detector record. */
import type { Ledger } from '../money/ledger.ts';

export type Typology =
  | 'fan-out'
  | 'fan-in'
  | 'cycle'
  | 'scatter-gather'
  | 'gather-scatter'
  | 'bipartite'
  | 'stack'
  | 'mule'
  | 'structuring'
  | 'peel-chain'
  | 'rapid-new-account'
  | 'split-payment'
  | 'split-fan-in';

export const TYPOLOGIES: readonly Typology[] = [
  'fan-out',
  'fan-in',
  'cycle',
  'scatter-gather',
  'gather-scatter',
  'bipartite',
  'stack',
  'mule',
  'structuring',
  'peel-chain',
  'rapid-new-account',
  'split-payment',
  'split-fan-in',
];

/** A closed time interval in the ledger's seconds. */
export interface Window {
  start: number;
  end: number;
}

export interface Finding {
  typology: Typology;
  detector: string;
  /** 1 / (1 + E), E = how many background occurrences at least this extreme the detector's null model expects. */
  score: number;
  /** Plain language with the numbers. */
  explanation: string;
  /** Node ids (entity ids) of the accounts involved, the central one first. */
  accounts: string[];
  /** Row numbers in the ledger. */
  transfers: number[];
  window: Window;
}

export interface ParamSpec {
  name: string;
  description: string;
  default: number;
  min?: number;
  max?: number;
  integer?: boolean;
}

export type Params = Record<string, number>;

export interface DetectorResult {
  detector: string;
  typology: Typology;
  citation: string;
  params: Params;
  findings: Finding[];
}

/** A detector as the registry lists it: a pure function over a Ledger with its parameter specs. */
export interface Detector {
  name: string;
  typology: Typology;
  citation: string;
  params: readonly ParamSpec[];
  run: (ledger: Ledger, options?: Partial<Params>) => DetectorResult;
}
