// The transfers behind one endpoint's number: each with its full and its tainted amount, and the paths the money took there.
import { entityHref } from '../router.ts';
import { formatMoney, sumAmounts } from './amounts.ts';
import type { TraceEndpoint, TracePath } from './types.ts';

const MAX_PATHS = 10;

export function EndpointDetail(props: { endpoint: TraceEndpoint; paths: TracePath[]; currency: string; captions: Record<string, string>; onClose: () => void }) {
  const e = props.endpoint;
  const cur = props.currency;
  const name = (id: string): string => props.captions[id] ?? id;
  const tainted = e.transfers.length ? sumAmounts(e.transfers.map((t) => t.tainted)) : '0';
  const paths = props.paths.filter((p) => p.hops.some((h) => h.to === e.id || h.from === e.id));
  return (
    <section className="endpoint-detail" aria-label={`Transfers into ${e.caption || e.id}`}>
      <div className="page-head">
        <h2>
          {e.caption || e.id}: {formatMoney(e.amount, cur)}
        </h2>
        <button type="button" className="button button-quiet" onClick={props.onClose}>
          Close
        </button>
      </div>
      <div className="table-wrap">
        <table aria-label="Transfers behind the number">
          <thead>
            <tr>
              <th>Transfer</th>
              <th>Time</th>
              <th className="num">Full amount</th>
              <th className="num">Tainted (traced) part</th>
            </tr>
          </thead>
          <tbody>
            {e.transfers.map((t) => (
              <tr key={t.id}>
                <td>
                  <a href={entityHref(t.id)}>{name(t.id)}</a>
                </td>
                <td>{t.time.replace('T', ' ').slice(0, 19)}</td>
                <td className="num">{formatMoney(t.amount, cur)}</td>
                <td className="num">{formatMoney(t.tainted, cur)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={3}>Sum of the tainted parts</th>
              <td className="num">{formatMoney(tainted, cur)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {paths.length > 0 && (
        <>
          <h3>How the money got there{paths.length > MAX_PATHS ? ` (the first ${MAX_PATHS} of ${paths.length} paths)` : ''}</h3>
          <ol className="trace-paths">
            {paths.slice(0, MAX_PATHS).map((p, i) => (
              <li key={i}>
                <strong>{formatMoney(p.amount, cur)}</strong>:{' '}
                {p.hops.map((h, j) => (
                  <span key={h.transfer}>
                    {j === 0 ? name(h.from) : ''} → <span title={`${h.transfer} at ${h.time}: ${formatMoney(h.tainted, cur)} of ${formatMoney(h.amount, cur)} traced`}>{name(h.to)}</span>
                  </span>
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
