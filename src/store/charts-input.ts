/** Checks and rules both backends apply to link charts before the SQL runs: valid input, who sees a chart, who may change it. */
import { AuthError, NotFoundError, ValidationError } from '../errors.ts';
import { isAdmin, type Context } from '../model/context.ts';
import { parseCompartment } from '../model/handling.ts';
import type { Chart, ChartFilter, ChartInit } from './port.ts';

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const MAX_NAME = 200;
/** A chart's state is layout, not data: 4 MB of JSON is far beyond a large chart's, and keeps one row modest. */
export const MAX_STATE_BYTES = 4 * 1024 * 1024;

/** Nesting deeper than any chart state needs (the web UI's is four levels); deeper JSON would exhaust the stack in JSON.stringify. */
export const MAX_STATE_DEPTH = 64;

/** How deeply `value` nests, counted without recursion (so a hostile value cannot overflow the stack here either). */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, d);
    if (deepest > limit) return deepest;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** A chart ready to store: checked, the case normalised, the state as JSON text. */
export interface ChartRow {
  id: string;
  name: string;
  case: string;
  state: string;
}

function bad(message: string, details?: Record<string, unknown>): ValidationError {
  return new ValidationError('CORVID_ERR_VALIDATION', message, details);
}

/** Checks a chart id (used for reads too, so a malformed id is refused the same way everywhere). */
export function checkChartId(id: string): string {
  if (typeof id !== 'string' || !ID_RE.test(id)) throw bad('invalid chart id (letters, digits, _ . : -, at most 128)', { id });
  return id;
}

/** Checks what a caller gives and turns it into a row; the caller must belong to the case. */
export function chartRow(ctx: Context, init: ChartInit): ChartRow {
  checkChartId(init.id);
  const name = typeof init.name === 'string' ? init.name.trim() : '';
  if (name === '' || name.length > MAX_NAME) throw bad(`a chart needs a name of 1 to ${MAX_NAME} characters`, { id: init.id });
  const kase = parseCompartment(typeof init.case === 'string' ? init.case : '');
  if (!inCase(ctx, kase)) throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', `${ctx.actor} is not a member of case ${kase}`);
  if (depthOf(init.state, MAX_STATE_DEPTH) > MAX_STATE_DEPTH) throw bad(`chart state nested more than ${MAX_STATE_DEPTH} levels deep`, { id: init.id, max: MAX_STATE_DEPTH });
  const state = JSON.stringify(init.state ?? null);
  if (Buffer.byteLength(state) > MAX_STATE_BYTES) throw bad('chart state too large', { bytes: Buffer.byteLength(state), max: MAX_STATE_BYTES });
  return { id: init.id, name, case: kase, state };
}

/** Is the caller a member of the case ('' is everybody's own: the personal charts)? */
function inCase(ctx: Context, kase: string): boolean {
  return kase === '' || ctx.compartments === '*' || ctx.compartments.includes(kase);
}

/** May the caller see the chart? Members of its case; its owner alone when it is personal. */
export function seesChart(ctx: Context, chart: Pick<Chart, 'case' | 'owner'>): boolean {
  return chart.case === '' ? chart.owner === ctx.actor : inCase(ctx, chart.case);
}

/**
 * Refuses a change to an existing chart: invisible is NOT_FOUND (nothing leaks about other cases), another's is
 * FORBIDDEN unless the caller is an administrator.
 */
export function checkChange(ctx: Context, existing: Pick<Chart, 'id' | 'case' | 'owner'>): void {
  if (!seesChart(ctx, existing)) throw new NotFoundError('chart', existing.id);
  if (existing.owner !== ctx.actor && !isAdmin(ctx)) throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', `chart ${existing.id} belongs to ${existing.owner}`);
}

/** A filter's paging with defaults and bounds. */
export function chartPage(filter: ChartFilter): { limit: number; offset: number } {
  const limit = filter.limit ?? 100;
  const offset = filter.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw bad('limit must be 1 to 1000', { limit });
  if (!Number.isInteger(offset) || offset < 0) throw bad('offset must be a non-negative integer', { offset });
  return { limit, offset };
}

/**
 * The visibility rule in SQL terms, for both backends: null = every case (and own personal charts); a list = those
 * cases (and own personal charts).
 */
export function visibleCases(ctx: Context): readonly string[] | null {
  return ctx.compartments === '*' ? null : ctx.compartments;
}
