/** SQLite link charts: saved web-UI states per case, with case/owner visibility in SQL and audited changes. */
import { NotFoundError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import { chartPage, chartRow, checkChange, checkChartId, seesChart, visibleCases } from '../charts-input.ts';
import type { Chart, ChartFilter, ChartInit, ChartSummary, JsonValue } from '../port.ts';
import { appendAuditIn } from './audit.ts';
import { now, prep, type Db, type Params } from './sql.ts';

type ChartDbRow = { id: string; name: string; case_name: string; state: string; owner: string; created_at: string; updated_at: string; saved_by: string };

const SUMMARY = 'id, name, case_name, owner, created_at, updated_at, saved_by';
/** Saves are numbered, so "most recently saved first" holds even for two saves in one millisecond (the IMMEDIATE transaction serialises them). */
const NEXT_SEQ = 'SELECT coalesce(max(save_seq), 0) + 1 FROM chart';

function summaryFromRow(r: Omit<ChartDbRow, 'state'>): ChartSummary {
  return { id: r.id, name: r.name, case: r.case_name, owner: r.owner, createdAt: r.created_at, updatedAt: r.updated_at, by: r.saved_by };
}

function chartFromRow(r: ChartDbRow): Chart {
  return { ...summaryFromRow(r), state: JSON.parse(r.state) as JsonValue };
}

function row(db: Db, id: string): ChartDbRow | undefined {
  return prep(db, 'SELECT * FROM chart WHERE id = ?').get(id) as ChartDbRow | undefined;
}

/** Visible charts as SQL over `chart`: the caller's own personal ones, and those of the caller's cases. */
function visibleSql(ctx: Context, params: Params): string {
  params.v_actor = ctx.actor;
  const cases = visibleCases(ctx);
  if (cases === null) return `(case_name <> '' OR owner = @v_actor)`;
  params.v_cases = JSON.stringify(cases);
  return `((case_name = '' AND owner = @v_actor) OR case_name IN (SELECT value FROM json_each(@v_cases)))`;
}

/** Creates or replaces a chart in one IMMEDIATE transaction with its audit record. */
export function putChart(db: Db, ctx: Context, init: ChartInit): Chart {
  const r = chartRow(ctx, init);
  return db
    .transaction((): Chart => {
      const old = row(db, r.id);
      if (old) checkChange(ctx, { id: old.id, case: old.case_name, owner: old.owner });
      const at = now();
      if (old) {
        prep(db, `UPDATE chart SET name = ?, case_name = ?, state = ?, updated_at = ?, saved_by = ?, save_seq = (${NEXT_SEQ}) WHERE id = ?`).run(
          r.name,
          r.case,
          r.state,
          at,
          ctx.actor,
          r.id,
        );
      } else {
        prep(
          db,
          `INSERT INTO chart (id, name, case_name, state, owner, created_at, updated_at, saved_by, save_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, (${NEXT_SEQ}))`,
        ).run(r.id, r.name, r.case, r.state, ctx.actor, at, at, ctx.actor);
      }
      appendAuditIn(db, ctx, { action: 'chart.save', target: r.id, detail: { name: r.name, case: r.case, created: old === undefined } });
      return chartFromRow(row(db, r.id) as ChartDbRow);
    })
    .immediate();
}

export function getChart(db: Db, ctx: Context, id: string): Chart | null {
  checkChartId(id);
  const r = row(db, id);
  return r && seesChart(ctx, { case: r.case_name, owner: r.owner }) ? chartFromRow(r) : null;
}

export function listCharts(db: Db, ctx: Context, filter: ChartFilter = {}): ChartSummary[] {
  const { limit, offset } = chartPage(filter);
  const params: Params = { limit, offset };
  const conds = [visibleSql(ctx, params)];
  if (filter.case !== undefined) {
    params.f_case = filter.case;
    conds.push('case_name = @f_case');
  }
  const sql = `SELECT ${SUMMARY} FROM chart WHERE ${conds.join(' AND ')} ORDER BY save_seq DESC LIMIT @limit OFFSET @offset`;
  return (prep(db, sql).all(params) as Omit<ChartDbRow, 'state'>[]).map(summaryFromRow);
}

export function deleteChart(db: Db, ctx: Context, id: string): void {
  checkChartId(id);
  db.transaction((): void => {
    const old = row(db, id);
    if (!old) throw new NotFoundError('chart', id);
    checkChange(ctx, { id, case: old.case_name, owner: old.owner });
    prep(db, 'DELETE FROM chart WHERE id = ?').run(id);
    appendAuditIn(db, ctx, { action: 'chart.delete', target: id, detail: { name: old.name, case: old.case_name } });
  }).immediate();
}
