// The money-flow view (#/trace?from=…): a trace's Sankey, its cash-out points and endpoints, and the transfers behind each number.
import { useEffect, useMemo, useState } from 'react';
import { EmptyState, ErrorNotice, Status } from '../components/States.tsx';
import { useEntities } from '../entity/useEntities.ts';
import { hrefOf } from '../router.ts';
import { formatMoney } from './amounts.ts';
import { EndpointDetail } from './EndpointDetail.tsx';
import { CashOutTable, EndpointTable } from './EndpointTables.tsx';
import { flowGraph } from './sankey-graph.ts';
import { SankeyChart } from './SankeyChart.tsx';
import { SaveTrace } from './SaveTrace.tsx';
import { traceMoney } from './trace-api.ts';
import { TraceForm } from './TraceForm.tsx';
import type { TraceRequest, TraceView } from './types.ts';
import './money.css';

/** Most entities the chart is asked to open at once from a trace. */
const CHART_LIMIT = 400;

function useTrace(req: TraceRequest | null): { trace: TraceView | null; error: Error | null; busy: boolean } {
  const [state, setState] = useState<{ trace: TraceView | null; error: Error | null; busy: boolean }>({ trace: null, error: null, busy: req !== null });
  useEffect(() => {
    if (!req) return;
    const ac = new AbortController();
    traceMoney(req, ac.signal).then(
      (trace) => !ac.signal.aborted && setState({ trace, error: null, busy: false }),
      (err: unknown) => !ac.signal.aborted && setState({ trace: null, error: err instanceof Error ? err : new Error(String(err)), busy: false }),
    );
    return () => ac.abort();
  }, [req]);
  return state;
}

/** Captions for every id the view names: the trace's own, then the entities API for the accounts in between. */
function useCaptions(t: TraceView | null): Record<string, string> {
  const ids = t ? [...new Set([...t.flows.flatMap((f) => [f.from, f.to]), ...t.endpoints.flatMap((e) => e.transfers.map((x) => x.id))])] : [];
  const known = useEntities(t?.captions ? [] : ids);
  const out: Record<string, string> = { ...t?.captions };
  for (const [id, e] of Object.entries(known)) if (e) out[id] = e.caption;
  if (t) {
    out[t.source.id] = t.source.caption || out[t.source.id] || t.source.id;
    for (const e of [...t.endpoints, ...t.cashOut]) if (e.caption) out[e.id] = e.caption;
  }
  return out;
}

export function TracePage(props: { trace: TraceRequest | null }) {
  const { trace, error, busy } = useTrace(props.trace);
  const [selected, setSelected] = useState<string | null>(null);
  const captions = useCaptions(trace);
  const graph = useMemo(() => (trace ? flowGraph(trace) : null), [trace]);
  const endpoint = trace?.endpoints.find((e) => e.id === selected) ?? null;
  const chartIds = trace ? [...new Set([trace.source.id, ...trace.flows.flatMap((f) => [f.from, f.to])])].slice(0, CHART_LIMIT) : [];
  const chartLinks = trace ? [...new Set(trace.paths.flatMap((p) => p.hops.map((h) => h.transfer)))].slice(0, CHART_LIMIT) : [];
  const req = props.trace;

  return (
    <div className="trace-page">
      <div className="page-head">
        <h1>Money flow</h1>
      </div>
      <TraceForm initial={req} />
      <Status busy={busy}>{busy ? 'Tracing the money…' : ''}</Status>
      {error ? <ErrorNotice title="The trace could not be computed." error={error} /> : null}
      {!req ? (
        <EmptyState title="Trace money from an account, wallet or payment.">
          <p>Enter its entity id above, or use “Trace money forward” on an account in the link chart.</p>
        </EmptyState>
      ) : null}
      {trace && graph ? (
        <>
          <TraceSummary trace={trace} request={req!} chartHref={hrefOf({ page: 'chart', add: chartIds, links: chartLinks })} />
          <SaveTrace request={req!} />
          {trace.flows.length === 0 ? <p className="hint">No money moved on from here within the limits.</p> : <SankeyChart graph={graph} currency={trace.currency} captions={captions} selected={selected} onSelect={setSelected} />}
          <h2>Cash-out points</h2>
          <CashOutTable cashOut={trace.cashOut} currency={trace.currency} />
          <h2>Endpoints</h2>
          <EndpointTable endpoints={trace.endpoints} currency={trace.currency} selected={selected} onSelect={(id) => setSelected((s) => (s === id ? null : id))} />
          {endpoint ? <EndpointDetail endpoint={endpoint} paths={trace.paths} currency={trace.currency} captions={captions} onClose={() => setSelected(null)} /> : null}
          {trace.notFollowed.length > 0 && (
            <>
              <h2>Not followed</h2>
              <ul className="trace-not-followed">
                {trace.notFollowed.map((n) => (
                  <li key={n.reason}>
                    {n.rows.toLocaleString('en')} transfer{n.rows === 1 ? '' : 's'}: {n.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : null}
    </div>
  );
}

/** What was traced, and the exact books: what left the source and where all of it is. */
function TraceSummary(props: { trace: TraceView; request: TraceRequest; chartHref: string }) {
  const { trace: t, request: r } = props;
  const m = (a: string): string => formatMoney(a, t.currency);
  const left = t.source.amount ?? t.totals?.left.amount ?? null;
  const backward = r.direction === 'backward';
  return (
    <>
      <p className="trace-summary">
        {left ? <strong>{m(left)}</strong> : 'The money'} {backward ? 'traced backward (where it came from) from' : 'traced forward (where it went) from'}{' '}
        <a href={hrefOf({ page: 'entity', id: t.source.id })}>{t.source.caption || t.source.id}</a> ({r.model.toUpperCase()}, up to {r.maxHops} hops
        {r.minAmount ? `, flows of at least ${m(r.minAmount)}` : ''}).{' '}
        <a className="button" href={props.chartHref}>
          Open on link chart
        </a>
      </p>
      {t.totals && (
        <p className="trace-books" aria-label="Books">
          Of {m(t.totals.left.amount)}: {m(t.totals.atEndpoints.amount)} at endpoints, {m(t.totals.inIntermediate.amount)} still held on the way
          {t.totals.belowMinimum.amount !== '0' ? `, ${m(t.totals.belowMinimum.amount)} below the minimum amount` : ''}.
          {t.totals.conserved ? ' The books balance exactly.' : r.model === 'poison' ? ' (Poison counts exposure, so the parts add up to more.)' : ''}
        </p>
      )}
    </>
  );
}
