/** Checks and normalisation both backends apply to resolution input (pairs, judgements, candidates, status changes) before any SQL runs. */
import { ValidationError } from '../errors.ts';
import type { Context } from '../model/context.ts';
import type { JsonValue, JudgementInit, ReviewCandidate, ReviewCandidateInit, Verdict } from './port.ts';
import { compartmentList, storedTlp } from './visibility.ts';

const VERDICTS: ReadonlySet<string> = new Set<Verdict>(['positive', 'negative', 'unsure']);
const BY: ReadonlySet<string> = new Set(['rule', 'user']);
const STATUSES: ReadonlySet<string> = new Set<ReviewCandidate['status']>(['open', 'decided', 'stale']);

/** A judgement ready to store: pair ordered, optional fields null, explanation as JSON text. */
export interface JudgementRow {
  left: string;
  right: string;
  verdict: Verdict;
  by: 'rule' | 'user';
  rule: string;
  score: number | null;
  reason: string;
  explanation: string | null;
  run: string | null;
}

/** A candidate ready to store: pair ordered, explanation as JSON text. */
export interface CandidateRow {
  left: string;
  right: string;
  probability: number;
  priority: number;
  explanation: string;
}

/**
 * `a < b` in the byte order of their UTF-8 encodings, which is what SQLite's BINARY and PostgreSQL's
 * "C" collation compare (and the tables' CHECK enforces). JavaScript's `<` compares UTF-16 units, which
 * disagrees for characters from U+E000 up against those above U+FFFF; remapping the units fixes that.
 */
export function idLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return unitRank(x) < unitRank(y);
  }
  return a.length < b.length;
}

/** Surrogates (code points above U+FFFF) rank after every other UTF-16 unit. */
function unitRank(u: number): number {
  if (u >= 0xd800 && u <= 0xdfff) return u + 0x2000;
  return u >= 0xe000 ? u - 0x800 : u;
}

function bad(message: string, details?: Record<string, unknown>): ValidationError {
  return new ValidationError('CORVID_ERR_VALIDATION', message, details);
}

/**
 * The pair in stored order (left < right).
 * @example orderPair('police-b.x1', 'police-a.p1') // ['police-a.p1', 'police-b.x1']
 */
export function orderPair(a: unknown, b: unknown): [string, string] {
  if (typeof a !== 'string' || typeof b !== 'string' || a === '' || b === '' || a === b) {
    throw new ValidationError('CORVID_ERR_RESOLVE_BAD_PAIR', 'a pair needs two different, non-empty entity ids', { left: a, right: b });
  }
  return idLess(a, b) ? [a, b] : [b, a];
}

function probability(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw bad(`${what} must be a number from 0 to 1`, { [what]: v });
  return v;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw bad(`${what} must be a string`, { [what]: v });
  return v;
}

function json(v: JsonValue | undefined): string {
  return JSON.stringify(v ?? null);
}

/** Validates a judgement and puts it in stored form; throws before anything is written. */
export function judgementRow(j: JudgementInit): JudgementRow {
  const [left, right] = orderPair(j.left, j.right);
  if (!VERDICTS.has(j.verdict)) throw bad('verdict must be positive, negative or unsure', { verdict: j.verdict });
  if (!BY.has(j.by)) throw bad(`by must be 'rule' or 'user'`, { by: j.by });
  const score = j.score === null || j.score === undefined ? null : probability(j.score, 'score');
  const run = j.run === null || j.run === undefined ? null : text(j.run, 'run');
  const explanation = j.explanation === null || j.explanation === undefined ? null : json(j.explanation);
  return { left, right, verdict: j.verdict, by: j.by, rule: text(j.rule ?? '', 'rule'), score, reason: text(j.reason, 'reason'), explanation, run };
}

/** Validates candidates and puts them in stored form; a pair given twice keeps its last values. */
export function candidateRows(items: readonly ReviewCandidateInit[]): CandidateRow[] {
  const byPair = new Map<string, CandidateRow>();
  for (const c of items) {
    const [left, right] = orderPair(c.left, c.right);
    if (typeof c.priority !== 'number' || !Number.isFinite(c.priority)) throw bad('priority must be a finite number', { priority: c.priority });
    const row = { left, right, probability: probability(c.probability, 'probability'), priority: c.priority, explanation: json(c.explanation) };
    byPair.set(`${left}\u0000${right}`, row);
  }
  return [...byPair.values()];
}

/** Fingerprints in stored form: an entity given twice keeps its last fingerprint. */
export function fingerprintRows(entries: readonly (readonly [string, string])[]): [string, string][] {
  const byId = new Map<string, string>();
  for (const [id, fp] of entries) byId.set(text(id, 'entity id'), text(fp, 'fingerprint'));
  return [...byId];
}

/** A scope, state key or run name: a non-empty string. */
export function checkName(v: unknown, what: string): string {
  if (typeof v !== 'string' || v === '') throw bad(`${what} must be a non-empty string`, { [what]: v });
  return v;
}

/** The retraction target and reason, checked: at least ids or a run, and a reason. */
export function checkRetraction(target: { ids?: readonly number[]; run?: string }, reason: string): { ids: number[] | null; run: string | null } {
  if (target.ids === undefined && target.run === undefined) throw bad('retraction needs ids or a run');
  if (typeof reason !== 'string' || reason.trim() === '') throw bad('retraction needs a reason');
  const ids = target.ids === undefined ? null : [...target.ids];
  if (ids && !ids.every((id) => Number.isSafeInteger(id))) throw bad('judgement ids must be integers', { ids });
  return { ids, run: target.run === undefined ? null : checkName(target.run, 'run') };
}

/** A status change, checked: 'decided' names its judgement, 'open' none. */
export function checkStatusChange(status: ReviewCandidate['status'], judgement: number | null): void {
  if (!STATUSES.has(status)) throw bad('status must be open, decided or stale', { status });
  if (judgement !== null && !Number.isSafeInteger(judgement)) throw bad('judgement must be an id or null', { judgement });
  if (status === 'decided' && judgement === null) throw bad('a decided candidate needs the judgement that decided it');
  if (status === 'open' && judgement !== null) throw bad('an open candidate has no judgement');
}

/** A page size or offset: `fallback` when absent, otherwise a non-negative integer, at most `max`. */
export function pageNumber(v: number | undefined, what: 'limit' | 'offset', fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (v === undefined) return fallback;
  if (!Number.isSafeInteger(v) || v < 0) throw bad(`${what} must be a non-negative integer`, { [what]: v });
  return Math.min(v, max);
}

/** True when the caller sees every statement (all compartments, RED): reads then need no visibility condition. */
export function seesAll(ctx: Context): boolean {
  return compartmentList(ctx.compartments) === null && storedTlp(ctx.tlpCeiling) === storedTlp('RED');
}

/** The distinct entity ids of some pairs, for one visibility check of a whole write. */
export function pairIds(rows: readonly { left: string; right: string }[]): string[] {
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.left);
    ids.add(r.right);
  }
  return [...ids];
}
