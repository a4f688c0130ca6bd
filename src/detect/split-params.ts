/** Parameters shared by the split-payment and split-fan-in detectors (one scan serves both). */
import { MIN_SCORE } from './params.ts';
import type { ParamSpec } from './types.ts';

export const SPLIT_CITATION =
  'FATF (2005). Money Laundering & Terrorist Financing Typologies 2004–2005 (structuring, smurfing: one sum split into many small transactions); IBM AMLSim fan_in (several small transactions per member); Hampel, F. R. (1974). The influence curve and its role in robust estimation, JASA 69 (the median as a robust location).';

export const SPLIT_PARAMS: readonly ParamSpec[] = [
  { name: 'windowDays', description: 'the parts of one split fall within this many days (a banking day and the next)', default: 2, min: 0.01, max: 365 },
  {
    name: 'maxShare',
    description: 'a payment is far below usual when it is at most this share of the payer’s and of the payee’s typical amount (0.1: an order of magnitude)',
    default: 0.1,
    min: 0.001,
    max: 1,
  },
  {
    name: 'minPayments',
    description: 'fewest small payments from one payer to one payee within the window for a split (3: two can be a payment and its correction)',
    default: 3,
    min: 2,
    integer: true,
  },
  MIN_SCORE,
];
