// Saved charts by case (GET /charts): open one, or delete it.
import { useEffect, useState } from 'react';
import { deleteChart, listCharts } from './chart-api.ts';
import { describeError } from './errors.ts';
import type { ChartSummary } from './types.ts';

/** The list of saved charts, grouped by case, newest first. */
export function SavedCharts(props: { currentId: string | null; onClose: () => void }) {
  const [charts, setCharts] = useState<ChartSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    setError(null);
    listCharts().then(
      (c) => setCharts([...c].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))),
      (err: unknown) => {
        const d = describeError(err, 'Listing saved charts');
        setError(`${d.message} ${d.hint}`);
      },
    );
  }, [reload]);

  const byCase = new Map<string, ChartSummary[]>();
  for (const c of charts ?? []) byCase.set(c.case, [...(byCase.get(c.case) ?? []), c]);
  return (
    <section className="chart-saved" aria-label="Saved charts">
      <div className="chart-saved-head">
        <h3>Saved charts</h3>
        <button type="button" onClick={props.onClose} aria-label="Close saved charts">
          ×
        </button>
      </div>
      {error && (
        <p className="chart-error-inline">
          {error}{' '}
          <button type="button" onClick={() => setReload((r) => r + 1)}>
            Retry
          </button>
        </p>
      )}
      {!error && charts === null && <p className="muted">Loading…</p>}
      {charts?.length === 0 && <p className="muted">No saved charts yet. Build one and press Save (Ctrl+S).</p>}
      {[...byCase.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([caseName, list]) => (
          <div key={caseName} className="chart-saved-case">
            <h4>{caseName ? `Case ${caseName}` : 'Personal'}</h4>
            <ul>
              {list.map((c) => (
                <li key={c.id}>
                  <a href={`#/chart/${encodeURIComponent(c.id)}`} aria-current={c.id === props.currentId ? 'page' : undefined}>
                    {c.name}
                  </a>
                  <span className="muted">
                    {' '}
                    {c.updatedAt.slice(0, 16).replace('T', ' ')} · {c.by}
                  </span>
                  <button
                    type="button"
                    className="linklike"
                    aria-label={`Delete ${c.name}`}
                    onClick={() => {
                      if (!window.confirm(`Delete the chart “${c.name}”? This cannot be undone.`)) return;
                      deleteChart(c.id).then(
                        () => setReload((r) => r + 1),
                        (err: unknown) => setError(describeError(err, 'Deleting the chart').message),
                      );
                    }}
                  >
                    delete
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </section>
  );
}
