/** Detector findings as `Alert` entities: deterministic ids, plain statements, the evidence as entity references. */
import type { Context } from '../../model/context.ts';
import type { Grading, HandlingCode, Tlp } from '../../model/handling.ts';
import { sha1 } from '../../model/ids.ts';
import { statementId, type Statement } from '../../model/statement.ts';

/** The dataset alerts live in. Alerts reference the accounts and transfers of any dataset. */
export const ALERTS_DATASET = 'alerts';

/** A finding with its evidence named by entity ids (the ledger's node and transfer ids). */
export interface AlertInput {
  typology: string;
  detector: string;
  /** 0..1, how far the pattern stands out from the background. */
  score: number;
  explanation: string;
  /** Accounts and wallets involved (entity ids). */
  accounts: readonly string[];
  /** Payments and crypto transfers that are the evidence (entity ids). */
  transfers: readonly string[];
  /** ISO dates of the first and last evidence transfer, when known. */
  window?: { start: string; end: string };
}

export interface AlertWriteOptions {
  compartment: string;
  tlp: Tlp;
  handling: HandlingCode;
  /** ISO timestamp of the run. */
  at: string;
}

/** A computed finding has no source to grade: Europol "X4", cannot be assessed, until a reviewer grades it. */
export const DETECTOR_GRADING: Grading = 'X4';

/**
 * The same pattern over the same accounts and transfers is the same alert, however often the detectors run,
 * so a re-run does not re-open what a reviewer dismissed.
 * @example alertId({ typology: 'fan-in', accounts: ['a.1'], transfers: ['a.t1'], … }) // 'alerts.fan-in-3f…'
 */
export function alertId(a: Pick<AlertInput, 'typology' | 'accounts' | 'transfers'>): string {
  const key = [a.typology, [...a.accounts].sort().join(','), [...a.transfers].sort().join(',')].join('|');
  const slug =
    a.typology
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'alert';
  return `${ALERTS_DATASET}.${slug}-${sha1(key).slice(0, 24)}`;
}

/** A short title for lists: "Fan-in: 14 accounts, 14 transfers". */
export function alertName(a: AlertInput): string {
  const t = a.typology.charAt(0).toUpperCase() + a.typology.slice(1);
  return `${t}: ${a.accounts.length} account${a.accounts.length === 1 ? '' : 's'}, ${a.transfers.length} transfer${a.transfers.length === 1 ? '' : 's'}`;
}

/** The statements of one new alert (status `open`). */
export function alertStatements(ctx: Context, a: AlertInput, o: AlertWriteOptions): Statement[] {
  const entityId = alertId(a);
  const source = `computed by detector ${a.detector}`;
  const values: [string, string, boolean][] = [
    ['id', entityId, false],
    ['name', alertName(a), false],
    ['typology', a.typology, false],
    ['detector', a.detector, false],
    ['score', String(Math.round(a.score * 1e4) / 1e4), false],
    ['explanation', a.explanation, false],
    ['status', 'open', false],
    ['raisedAt', o.at.slice(0, 19), false],
    ['crimeArea', 'economic and financial crime', false],
    ...a.accounts.map((id): [string, string, boolean] => ['involved', id, true]),
    ...a.transfers.map((id): [string, string, boolean] => ['evidence', id, true]),
  ];
  return values.map(([prop, value, isRef]) => statement(ctx, { entityId, prop, value, isRef, source, record: o.at, grading: DETECTOR_GRADING }, o));
}

interface StatementParts {
  entityId: string;
  prop: string;
  value: string;
  isRef: boolean;
  source: string;
  record: string;
  grading: Grading;
  schema?: string;
  dataset?: string;
}

/** One statement with the run's handling; `schema` and `dataset` default to an alert's. */
export function statement(ctx: Context, p: StatementParts, o: Omit<AlertWriteOptions, 'at'> & { at: string }): Statement {
  const base: Omit<Statement, 'id'> = {
    entityId: p.entityId,
    schema: p.schema ?? 'Alert',
    prop: p.prop,
    value: p.value,
    original: '',
    dataset: p.dataset ?? ALERTS_DATASET,
    source: p.source,
    record: p.record,
    firstSeen: o.at,
    lastSeen: o.at,
    grading: p.grading,
    compartment: o.compartment,
    tlp: o.tlp,
    handling: o.handling,
    handlingNote: '',
    importer: ctx.actor,
    isRef: p.isRef,
  };
  return { ...base, id: statementId(base) };
}
