/** Fan-out (IBM AMLSim typology "fan_out"; Altman et al. 2023): one account paying many one-off receivers within a short window. */
import type { Ledger } from '../../money/ledger.ts';
import { FAN_PARAMS, fanFindings } from '../fan.ts';
import { resolveParams } from '../params.ts';
import type { DetectorResult, Params } from '../types.ts';

export const FAN_OUT_CITATION =
  'IBM AMLSim, typology fan_out (github.com/IBM/AMLSim); Altman, E. et al. (2023). Realistic Synthetic Financial Transactions for Anti-Money Laundering Models. NeurIPS 2023 Datasets & Benchmarks; Naus, J. I. (1965). The distribution of the size of the maximum cluster of points on a line. JASA 60, 321–335 (the scan statistic).';

export const FAN_OUT_PARAMS = FAN_PARAMS;

/**
 * Accounts paying unusually many one-off receivers within `windowDays` (receivers that are hubs, such as merchants,
 * do not count; a receiver counts only when every payment between the two falls in the window, so payroll, which
 * pays the same people every month, does not). The expected count is max(the account's own rate outside the
 * window, the ledger's average) × W, and E = nodes × windows × P(Poisson ≥ k) (compound over days when the node's own
 * days bring several), or the scan statistic's E over the node's own life when larger (burst.ts); score 1 / (1 + E).
 * At least `minFullShare` of the receivers must move at least their own typical amount (a teenager's shopping does not).
 * @example fanOut(ledger, { windowDays: 7 }).findings[0]?.accounts[0] // the paying account
 */
export function fanOut(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(FAN_OUT_PARAMS, options);
  return { detector: 'fan-out', typology: 'fan-out', citation: FAN_OUT_CITATION, params, findings: fanFindings(l, 'out', 'fan-out', 'fan-out', params) };
}
