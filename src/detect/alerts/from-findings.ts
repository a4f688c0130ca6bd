/** Detector findings (ledger rows) as alert inputs (entity ids and ISO dates) for the queue and for `--json`. */
import type { Ledger } from '../../money/ledger.ts';
import type { Finding } from '../types.ts';
import type { AlertInput } from './alert-entity.ts';

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 19);

/**
 * Names each finding's transfers by the entity ids they came from (a UTXO leg's id for crypto inputs and
 * outputs) and its window by ISO dates.
 * @example findingsToAlerts(ledger, run.findings)[0].transfers // ['bank.pay-17', …]
 */
export function findingsToAlerts(ledger: Ledger, findings: readonly Finding[]): AlertInput[] {
  return findings.map((f) => ({
    typology: f.typology,
    detector: f.detector,
    score: f.score,
    explanation: f.explanation,
    accounts: [...f.accounts],
    transfers: [...new Set(f.transfers.map((r) => ledger.transferIds[r]!))],
    window: { start: iso(f.window.start), end: iso(f.window.end) },
  }));
}
