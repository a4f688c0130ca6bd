/** Fan-in (IBM AMLSim typology "fan_in"; Altman et al. 2023): many one-off senders paying one account within a short window. */
import type { Ledger } from '../../money/ledger.ts';
import { FAN_PARAMS, fanFindings } from '../fan.ts';
import { resolveParams } from '../params.ts';
import type { DetectorResult, Params } from '../types.ts';

export const FAN_IN_CITATION =
  'IBM AMLSim, typology fan_in (github.com/IBM/AMLSim); Altman, E. et al. (2023). Realistic Synthetic Financial Transactions for Anti-Money Laundering Models. NeurIPS 2023 Datasets & Benchmarks; Naus, J. I. (1965). The distribution of the size of the maximum cluster of points on a line. JASA 60, 321–335 (the scan statistic).';

export const FAN_IN_PARAMS = FAN_PARAMS;

/**
 * Accounts receiving from unusually many one-off senders within `windowDays` (senders that are hubs do not count;
 * a sender counts only when every payment between the two falls in the window). A merchant's steady stream of
 * customers is its own background: the expected count is max(the account's own rate outside the window, the
 * ledger's average) × W, and E = nodes × windows × P(Poisson ≥ k) (compound over days when the node's own days bring
 * several), or the scan statistic's E over the node's own life when larger (burst.ts); score 1 / (1 + E). At least
 * `minFullShare` of the senders must move at least their own typical amount (a gift collection's are everyday sums).
 * @example fanIn(ledger, { windowDays: 7 }).findings[0]?.accounts[0] // the receiving account
 */
export function fanIn(l: Ledger, options: Partial<Params> = {}): DetectorResult {
  const params = resolveParams(FAN_IN_PARAMS, options);
  return { detector: 'fan-in', typology: 'fan-in', citation: FAN_IN_CITATION, params, findings: fanFindings(l, 'in', 'fan-in', 'fan-in', params) };
}
