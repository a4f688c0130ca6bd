/** Fan-out (IBM AMLSim typology "fan_out"; Altman et al. 2023): one account paying many one-off receivers within a short window. */
import type { Ledger } from '../../money/ledger.ts';
import { FAN_PARAMS, fanFindings } from '../fan.ts';
import { resolveParams } from '../params.ts';
import type { DetectorResult, Params } from '../types.ts';

export const FAN_OUT_CITATION =
  'IBM AMLSim, typology fan_out (github.com/IBM/AMLSim); Altman, E. et al. (2023). Realistic Synthetic Financial Transactions for Anti-Money Laundering Models. NeurIPS 2023 Datasets & Benchmarks.';

export const FAN_OUT_PARAMS = FAN_PARAMS;

/**
 * Accounts paying unusually many one-off receivers within `windowDays` (receivers that are hubs, such as merchants,
 * do not count; a receiver counts only when every payment between the two falls in the window, so payroll, which
 * pays the same people every month, does not). The expected count is max(the account's own rate outside the
 * window, the ledger's average) × W, and the score is 1 / (1 + nodes × windows × P(Poisson ≥ k)).
 * @example fanOut(ledger, { windowDays: 7 }).findings[0]?.accounts[0] // the paying account
 */
export function fanOut(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(FAN_OUT_PARAMS, options);
  return { detector: 'fan-out', typology: 'fan-out', citation: FAN_OUT_CITATION, params, findings: fanFindings(l, 'out', 'fan-out', 'fan-out', params) };
}
