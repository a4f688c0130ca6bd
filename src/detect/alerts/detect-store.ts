/**
 * Detection over the store: build the caller's ledger, run the detectors, name every account and transfer by
 * its entity id, source key and identifier (so any tool can score the alerts against ground truth), and
 * optionally put the alerts in the review queue.
 */
import type { Context } from '../../model/context.ts';
import { datasetOf } from '../../model/ids.ts';
import { loadLedger, type SetAside } from '../../money/load.ts';
import type { Store } from '../../store/port.ts';
import { runDetectors, type RunOptions } from '../run.ts';
import { alertId } from './alert-entity.ts';
import { saveAlerts, type SaveOptions } from './alerts.ts';
import { findingsToAlerts } from './from-findings.ts';

/** An entity as an alert's evidence lists it. */
export interface EvidenceRef {
  id: string;
  /** The id without its dataset: the source's own key where it was short and safe (hashed otherwise). */
  source: string;
  /** The identifier the source gave: IBAN, account number, wallet address, transaction number or hash. */
  identifier: string | null;
  caption: string;
}

export interface DetectedAlert {
  id: string;
  typology: string;
  detector: string;
  score: number;
  explanation: string;
  window: { start: string; end: string } | null;
  accounts: EvidenceRef[];
  transfers: EvidenceRef[];
}

export interface DetectRequest extends RunOptions, SaveOptions {
  datasets?: readonly string[];
  /** Put the alerts in the review queue. */
  save?: boolean;
}

export interface DetectOutcome {
  ledger: { nodes: number; transfers: number; setAside: SetAside[] };
  detectors: { name: string; typology: string; citation: string; params: Record<string, number>; findings: number }[];
  dropped: number;
  alerts: DetectedAlert[];
  saved: { raised: number; existing: number } | null;
}

const IDENTIFIERS = ['iban', 'accountNumber', 'publicKey', 'transactionNumber', 'transactionHash'];
const BATCH = 1000;

async function describe(ctx: Context, store: Store, ids: readonly string[]): Promise<Map<string, EvidenceRef>> {
  const out = new Map<string, EvidenceRef>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH) {
    for (const e of await store.getEntities(ctx, unique.slice(i, i + BATCH))) {
      const prop = IDENTIFIERS.find((p) => (e.properties[p]?.length ?? 0) > 0);
      out.set(e.id, { id: e.id, source: sourceKey(e.id), identifier: prop ? e.properties[prop]![0]! : null, caption: e.caption });
    }
  }
  return out;
}

const sourceKey = (id: string): string => id.slice(datasetOf(id).length + 1);

/**
 * Runs the detectors over what the caller may see.
 * @example (await detectInStore(ctx, store, { detectors: ['fan-in'] })).alerts[0].accounts[0].identifier // 'DE89…'
 */
export async function detectInStore(ctx: Context, store: Store, req: DetectRequest = {}): Promise<DetectOutcome> {
  const { ledger, setAside } = await loadLedger(ctx, store, req.datasets ? { datasets: req.datasets } : {});
  const run = runDetectors(ledger, { ...(req.detectors ? { detectors: req.detectors } : {}), ...(req.params ? { params: req.params } : {}) });
  const inputs = findingsToAlerts(ledger, run.findings);
  const refs = await describe(
    ctx,
    store,
    inputs.flatMap((a) => [...a.accounts, ...a.transfers]),
  );
  const ref = (id: string): EvidenceRef => refs.get(id) ?? { id, source: sourceKey(id), identifier: null, caption: id };
  const alerts = inputs.map((a) => ({
    id: alertId(a),
    typology: a.typology,
    detector: a.detector,
    score: a.score,
    explanation: a.explanation,
    window: a.window ?? null,
    accounts: a.accounts.map(ref),
    transfers: a.transfers.map(ref),
  }));
  let saved: DetectOutcome['saved'] = null;
  if (req.save) {
    const s = await saveAlerts(ctx, store, inputs, req);
    saved = { raised: s.raised.length, existing: s.existing.length };
  }
  return {
    ledger: { nodes: ledger.nodeCount, transfers: ledger.size, setAside },
    detectors: run.results.map((r) => ({ name: r.detector, typology: r.typology, citation: r.citation, params: r.params, findings: r.findings.length })),
    dropped: run.dropped,
    alerts,
    saved,
  };
}
