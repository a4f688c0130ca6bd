// Where the traced money ended: the cash-out points with what could be recovered there, and every endpoint with its total.
import { entityHref } from '../router.ts';
import { formatMoney, sumAmounts } from './amounts.ts';
import type { CashOutPoint, TraceEndpoint } from './types.ts';

export function CashOutTable(props: { cashOut: CashOutPoint[]; currency: string }) {
  if (props.cashOut.length === 0) return <p className="hint">The traced money reached no cash-out point (exchange, merchant, …) within the hop limit.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Cash-out points">
        <thead>
          <tr>
            <th>Cash-out point</th>
            <th>Tag</th>
            <th className="num">Recoverable</th>
          </tr>
        </thead>
        <tbody>
          {props.cashOut.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={entityHref(c.id)}>{c.caption || c.id}</a>
              </td>
              <td>
                <span className="chip chip-cashout">{c.tag || '—'}</span>
              </td>
              <td className="num">{formatMoney(c.recoverable, props.currency)}</td>
            </tr>
          ))}
        </tbody>
        {props.cashOut.length > 1 && (
          <tfoot>
            <tr>
              <th colSpan={2}>Total recoverable</th>
              <td className="num">{formatMoney(sumAmounts(props.cashOut.map((c) => c.recoverable)), props.currency)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

export function EndpointTable(props: { endpoints: TraceEndpoint[]; currency: string; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <div className="table-wrap">
      <table aria-label="Endpoints">
        <thead>
          <tr>
            <th>Endpoint</th>
            <th>Tag</th>
            <th>Cash-out</th>
            <th className="num">Traced money there</th>
            <th>Transfers</th>
          </tr>
        </thead>
        <tbody>
          {props.endpoints.map((e) => (
            <tr key={e.id} aria-selected={props.selected === e.id}>
              <td>
                <a href={entityHref(e.id)}>{e.caption || e.id}</a>
              </td>
              <td>{e.tag || '—'}</td>
              <td>{e.cashOut ? 'yes' : 'no'}</td>
              <td className="num">{formatMoney(e.amount, props.currency)}</td>
              <td>
                <button type="button" className="button button-quiet" aria-pressed={props.selected === e.id} onClick={() => props.onSelect(e.id)}>
                  {e.transfers.length} transfer{e.transfers.length === 1 ? '' : 's'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
