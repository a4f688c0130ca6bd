// What an import set aside (GET /imports/:jobId/rejects): line, reason and the raw text, a page at a time.
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { EmptyState, ErrorNotice, Status } from '../components/States.tsx';
import { plural, propLabel } from '../format.ts';
import type { Reject } from '../types.ts';

const PAGE = 100;

interface Page {
  rejects: Reject[];
  offset: number;
  next: number | null;
}

export function RejectList(props: { jobId: string }) {
  const [rows, setRows] = useState<Reject[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [loaded, setLoaded] = useState(false);

  async function load(offset: number, replace: boolean): Promise<void> {
    setLoading(true);
    setError(null);
    try {
      const page = await api<Page>('GET', `/imports/${encodeURIComponent(props.jobId)}/rejects?offset=${offset}&limit=${PAGE}`);
      setRows((r) => (replace ? page.rejects : [...r, ...page.rejects]));
      setNext(page.next);
      setLoaded(true);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setLoading(false);
    }
  }

  // A new job starts from the first page; `load` itself changes every render and is not a reason to reload.
  useEffect(() => void load(0, true), [props.jobId]);

  return (
    <section className="rejects" aria-labelledby="rejects-title">
      <h3 id="rejects-title">Rejected records and values</h3>
      {error ? <ErrorNotice title="The rejects could not be loaded." error={error} onRetry={() => void load(rows.length, rows.length === 0)} /> : null}
      <Status busy={loading}>{loaded ? (next !== null ? `The first ${plural(rows.length, 'reject')}` : plural(rows.length, 'reject')) : ''}</Status>
      {loaded && rows.length === 0 ? <EmptyState title="Nothing was rejected." /> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="rejects-table">
            <caption className="visually-hidden">Rejects with their line, reason and raw text</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">What</th>
                <th scope="col">Reason</th>
                <th scope="col">Raw text</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.line ?? ''}:${r.prop ?? ''}:${i}`}>
                  <td className="num">{r.line ?? '—'}</td>
                  <td>{r.kind === 'value' ? `value of ${propLabel(r.prop ?? '?').toLowerCase()}` : 'whole record'}</td>
                  <td>
                    {r.reason}
                    {r.code ? <span className="hint code-name"> {r.code}</span> : null}
                  </td>
                  <td>
                    <code className="raw">{r.raw ?? ''}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next !== null && loaded ? (
        <button type="button" className="button" onClick={() => void load(next, false)} disabled={loading}>
          Show more rejects
        </button>
      ) : null}
    </section>
  );
}
