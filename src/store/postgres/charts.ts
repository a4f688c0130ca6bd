/** PostgreSQL link charts: saved web-UI states per case, with case/owner visibility in SQL and audited changes. */
import { NotFoundError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import { chartPage, chartRow, checkChange, checkChartId, seesChart, visibleCases } from '../charts-input.ts';
import type { Chart, ChartFilter, ChartInit, ChartSummary, JsonValue } from '../port.ts';
import { appendAudit } from './audit.ts';
import { now, Params, type Db, type Row } from './sql.ts';

const SUMMARY = 'id, name, case_name, owner, created_at, updated_at, saved_by';

function summaryFromRow(r: Row): ChartSummary {
  return {
    id: r.id as string,
    name: r.name as string,
    case: r.case_name as string,
    owner: r.owner as string,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
    by: r.saved_by as string,
  };
}

function chartFromRow(r: Row): Chart {
  return { ...summaryFromRow(r), state: JSON.parse(r.state as string) as JsonValue };
}

/** Visible charts as SQL over `charts`: the caller's own personal ones, and those of the caller's cases. */
function visible(ctx: Context, p: Params): string {
  const actor = p.add(ctx.actor);
  const cases = visibleCases(ctx);
  if (cases === null) return `(case_name <> '' OR owner = ${actor})`;
  return `((case_name = '' AND owner = ${actor}) OR case_name = ANY(${p.add([...cases])}::text[]))`;
}

/** Creates or replaces a chart; call inside a transaction (the row is locked while checked, the audit record shares it). */
export async function putChart(db: Db, ctx: Context, init: ChartInit): Promise<Chart> {
  const r = chartRow(ctx, init);
  const old = (await db.query('SELECT id, case_name, owner FROM charts WHERE id = $1 FOR UPDATE', [r.id])).rows[0];
  if (old) checkChange(ctx, { id: r.id, case: old.case_name as string, owner: old.owner as string });
  const at = now();
  const saved = old
    ? await db.query(
        `UPDATE charts SET name = $2, case_name = $3, state = $4, updated_at = $5, saved_by = $6, save_seq = nextval('charts_save_seq') WHERE id = $1 RETURNING *`,
        [r.id, r.name, r.case, r.state, at, ctx.actor],
      )
    : await db.query(
        `INSERT INTO charts (id, name, case_name, state, owner, created_at, updated_at, saved_by, save_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $5, nextval('charts_save_seq')) RETURNING *`,
        [r.id, r.name, r.case, r.state, ctx.actor, at],
      );
  await appendAudit(db, ctx, { action: 'chart.save', target: r.id, detail: { name: r.name, case: r.case, created: !old } });
  return chartFromRow(saved.rows[0] as Row);
}

export async function getChart(db: Db, ctx: Context, id: string): Promise<Chart | null> {
  checkChartId(id);
  const r = (await db.query('SELECT * FROM charts WHERE id = $1', [id])).rows[0];
  return r && seesChart(ctx, { case: r.case_name as string, owner: r.owner as string }) ? chartFromRow(r) : null;
}

export async function listCharts(db: Db, ctx: Context, filter: ChartFilter = {}): Promise<ChartSummary[]> {
  const { limit, offset } = chartPage(filter);
  const p = new Params();
  const conds = [visible(ctx, p)];
  if (filter.case !== undefined) conds.push(`case_name = ${p.add(filter.case)}`);
  const sql = `SELECT ${SUMMARY} FROM charts WHERE ${conds.join(' AND ')} ORDER BY save_seq DESC LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
  return (await db.query(sql, p.values)).rows.map(summaryFromRow);
}

/** Deletes a chart; call inside a transaction. */
export async function deleteChart(db: Db, ctx: Context, id: string): Promise<void> {
  checkChartId(id);
  const old = (await db.query('SELECT id, name, case_name, owner FROM charts WHERE id = $1 FOR UPDATE', [id])).rows[0];
  if (!old) throw new NotFoundError('chart', id);
  checkChange(ctx, { id, case: old.case_name as string, owner: old.owner as string });
  await db.query('DELETE FROM charts WHERE id = $1', [id]);
  await appendAudit(db, ctx, { action: 'chart.delete', target: id, detail: { name: old.name as string, case: old.case_name as string } });
}
