/**
 * The alert queue in the store: save findings as `Alert` entities, list them for review, and record a
 * reviewer's verdict. A confirmed alert becomes graded statements on the accounts it involves, so the
 * finding travels with them into charts, exports and assessments; a dismissed one keeps its reason.
 */
import { NotFoundError, ValidationError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import { parseCompartment, parseGrading, parseHandlingCode, parseTlp, type Grading, type HandlingCode, type Tlp } from '../../model/handling.ts';
import { datasetOf } from '../../model/ids.ts';
import type { Entity, Statement } from '../../model/statement.ts';
import type { Store } from '../../store/port.ts';
import { ALERTS_DATASET, alertId, alertStatements, statement, type AlertInput } from './alert-entity.ts';

const BATCH = 500;
export const ALERT_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface SaveOptions {
  compartment?: string;
  tlp?: Tlp;
  handling?: HandlingCode;
}

export interface SaveOutcome {
  /** Alerts raised for the first time. */
  raised: string[];
  /** Alerts that existed already (their review status is kept). */
  existing: string[];
}

/** Like computed network values: a caller in one compartment writes there; one in several must choose. */
function chooseCompartment(ctx: Context, given: string | undefined): string {
  if (given !== undefined) return parseCompartment(given);
  if (ctx.compartments !== '*' && ctx.compartments.length <= 1) return ctx.compartments[0] ?? '';
  if (ctx.compartments === '*') return '';
  throw new ValidationError('CORVID_ERR_VALIDATION', 'the caller is in several compartments: say which one the alerts go into (compartment)');
}

/**
 * Saves findings as open alerts, skipping those raised before (same typology, accounts and transfers),
 * and audits the run as `detect.alerts`.
 * @example await saveAlerts(ctx, store, findings) // { raised: ['alerts.fan-in-…'], existing: [] }
 */
export async function saveAlerts(ctx: Context, store: Store, inputs: readonly AlertInput[], opts: SaveOptions = {}): Promise<SaveOutcome> {
  const o = {
    compartment: chooseCompartment(ctx, opts.compartment),
    tlp: opts.tlp !== undefined ? parseTlp(opts.tlp) : ctx.tlpCeiling,
    handling: opts.handling !== undefined ? parseHandlingCode(opts.handling) : 'H0',
    at: new Date().toISOString(),
  };
  if (!(await store.getDataset(ctx, ALERTS_DATASET))) await store.upsertDataset(ctx, { name: ALERTS_DATASET, title: 'Detector alerts' });
  const unique = new Map(inputs.map((a) => [alertId(a), a]));
  const raised: string[] = [];
  const existing: string[] = [];
  const ids = [...unique.keys()];
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const known = new Set((await store.getEntities(ctx, chunk)).map((e) => e.id));
    const statements: Statement[] = [];
    for (const id of chunk) {
      if (known.has(id)) existing.push(id);
      else {
        raised.push(id);
        statements.push(...alertStatements(ctx, unique.get(id)!, o));
      }
    }
    if (statements.length > 0) await store.writeBatch(ctx, { dataset: ALERTS_DATASET, statements });
  }
  await store.appendAudit(ctx, {
    action: 'detect.alerts',
    target: ALERTS_DATASET,
    detail: { raised: raised.length, existing: existing.length, compartment: o.compartment, tlp: o.tlp, handling: o.handling },
  });
  return { raised, existing };
}

/** An alert as the review queue shows it. */
export interface AlertView {
  id: string;
  name: string;
  typology: string;
  detector: string;
  score: number;
  explanation: string;
  status: AlertStatus;
  reviewReason: string;
  raisedAt: string;
  accounts: string[];
  transfers: string[];
}

/** The current status: the status statement seen last (a re-review widens its statement's last-seen). */
function currentStatus(statements: readonly Statement[]): { status: AlertStatus; reason: string } {
  const latest = (prop: string): Statement | undefined =>
    statements.filter((s) => s.prop === prop).sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0))[0];
  const s = latest('status');
  const status = (ALERT_STATUSES as readonly string[]).includes(s?.value ?? '') ? (s!.value as AlertStatus) : 'open';
  const r = status === 'open' ? undefined : latest('reviewReason');
  return { status, reason: r?.value ?? '' };
}

function view(e: Entity, statements: readonly Statement[]): AlertView {
  const one = (p: string): string => e.properties[p]?.[0] ?? '';
  const { status, reason } = currentStatus(statements);
  return {
    id: e.id,
    name: one('name'),
    typology: one('typology'),
    detector: one('detector'),
    score: Number(one('score')) || 0,
    explanation: one('explanation'),
    status,
    reviewReason: reason,
    raisedAt: one('raisedAt'),
    accounts: [...(e.properties['involved'] ?? [])].sort(),
    transfers: [...(e.properties['evidence'] ?? [])].sort(),
  };
}

export interface AlertFilter {
  status?: AlertStatus;
  typology?: string;
  limit?: number;
}

/** Visible alerts, highest score first (ties: newest first, then id). */
export async function listAlerts(ctx: Context, store: Store, filter: AlertFilter = {}): Promise<AlertView[]> {
  const bySchema = new Map<string, Statement[]>();
  for await (const batch of store.iterateStatements(ctx, { datasets: [ALERTS_DATASET], schemata: ['Alert'] })) {
    for (const s of batch) {
      const list = bySchema.get(s.entityId);
      if (list) list.push(s);
      else bySchema.set(s.entityId, [s]);
    }
  }
  const out: AlertView[] = [];
  for (const [id, statements] of bySchema) {
    const props: Record<string, string[]> = {};
    for (const s of statements) if (s.prop !== 'id') (props[s.prop] ??= []).push(s.value);
    const v = view({ id, schema: 'Alert', caption: '', properties: props, datasets: [ALERTS_DATASET], firstSeen: '', lastSeen: '' }, statements);
    if (filter.status && v.status !== filter.status) continue;
    if (filter.typology && v.typology !== filter.typology) continue;
    out.push(v);
  }
  out.sort((a, b) => b.score - a.score || (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : 0) || (a.id < b.id ? -1 : 1));
  return filter.limit !== undefined ? out.slice(0, filter.limit) : out;
}

/** One visible alert, or CORVID_ERR_NOT_FOUND. */
export async function getAlert(ctx: Context, store: Store, id: string): Promise<AlertView> {
  const e = id.startsWith(`${ALERTS_DATASET}.`) ? await store.getEntity(ctx, id) : null;
  if (!e || e.schema !== 'Alert') throw new NotFoundError('alert', id);
  return view(e, e.statements);
}

export interface Verdict {
  verdict: 'confirmed' | 'dismissed' | 'open';
  reason: string;
  /** The reviewer's grading of the confirmed finding (default B3: a mostly reliable source, corroborated by the evidence). */
  grading?: Grading;
}

/**
 * Records a reviewer's verdict. Confirming writes, on every involved account, a `notes` statement naming the
 * typology and the alert, graded by the reviewer, with source "alert … confirmed by …"; the verdict and its
 * reason are audited as `detect.review`.
 */
export async function reviewAlert(ctx: Context, store: Store, id: string, v: Verdict): Promise<AlertView> {
  if (!['confirmed', 'dismissed', 'open'].includes(v.verdict))
    throw new ValidationError('CORVID_ERR_VALIDATION', 'verdict must be confirmed, dismissed or open', { field: 'verdict' });
  const reason = v.reason.trim();
  if (reason === '' && v.verdict !== 'open') throw new ValidationError('CORVID_ERR_VALIDATION', 'a verdict needs a reason', { field: 'reason' });
  if (reason.length > 4000) throw new ValidationError('CORVID_ERR_VALIDATION', 'the reason is longer than 4,000 characters', { field: 'reason' });
  const grading = parseGrading(v.grading ?? 'B3');
  const alert = await getAlert(ctx, store, id);
  const e = (await store.getEntity(ctx, id))!;
  const own = e.statements.find((s) => s.prop === 'typology')!;
  const at = new Date().toISOString();
  const o = { compartment: own.compartment, tlp: own.tlp, handling: own.handling, at };
  const source = `review by ${ctx.actor}`;
  const written: Statement[] = [statement(ctx, { entityId: id, prop: 'status', value: v.verdict, isRef: false, source, record: at, grading }, o)];
  if (reason !== '') written.push(statement(ctx, { entityId: id, prop: 'reviewReason', value: reason, isRef: false, source, record: at, grading }, o));
  await store.writeBatch(ctx, { dataset: ALERTS_DATASET, statements: written });
  let annotated = 0;
  if (v.verdict === 'confirmed') annotated = await annotateAccounts(ctx, store, alert, grading, o);
  await store.appendAudit(ctx, {
    action: 'detect.review',
    target: id,
    detail: { verdict: v.verdict, reason, grading, typology: alert.typology, accountsAnnotated: annotated },
  });
  return getAlert(ctx, store, id);
}

async function annotateAccounts(
  ctx: Context,
  store: Store,
  alert: AlertView,
  grading: Grading,
  o: { compartment: string; tlp: Tlp; handling: HandlingCode; at: string },
): Promise<number> {
  const source = `alert ${alert.id} confirmed by ${ctx.actor}`;
  const value = `Confirmed ${alert.typology} alert: ${alert.explanation}`.slice(0, 8000);
  const byDataset = new Map<string, Statement[]>();
  for (const e of await store.getEntities(ctx, alert.accounts)) {
    const dataset = datasetOf(e.id);
    const s = statement(ctx, { entityId: e.id, schema: e.schema, dataset, prop: 'notes', value, isRef: false, source, record: o.at, grading }, o);
    (byDataset.get(dataset) ?? byDataset.set(dataset, []).get(dataset)!).push(s);
  }
  let n = 0;
  for (const [dataset, statements] of byDataset) {
    await store.writeBatch(ctx, { dataset, statements });
    n += statements.length;
  }
  return n;
}
