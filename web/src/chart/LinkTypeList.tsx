// Lists an entity's link types with counts; choosing one adds the neighbours through it (GET /network/expand/:id?kinds=&schemata=).
import { useEffect, useState } from 'react';
import { describeError } from './errors.ts';
import type { LinkType } from './link-types.ts';
import { useChartHandles, useChartSnapshot } from './useChart.ts';

/** Buttons "Expand all" and one per link type ("Call — 12 links, 3 new"). */
export function LinkTypeList(props: { node: string; autoFocus?: boolean }) {
  const { actions } = useChartHandles();
  const snap = useChartSnapshot();
  const [types, setTypes] = useState<LinkType[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setTypes(null);
    setError(null);
    actions.linkTypes(props.node).then(
      (t) => live && setTypes(t),
      (err: unknown) => {
        if (!live) return;
        const d = describeError(err, 'Listing the links');
        setError(`${d.message} ${d.hint}`);
      },
    );
    return () => {
      live = false;
    };
    // The counts of new neighbours change when the chart does.
  }, [actions, props.node, snap.version]);

  if (error) return <p className="chart-error-inline">{error}</p>;
  const total = types?.reduce((n, t) => n + t.fresh, 0) ?? 0;
  return (
    <div className="chart-linktypes" aria-busy={types === null}>
      <button type="button" className="primary" autoFocus={props.autoFocus} onClick={() => void actions.expand(props.node)} disabled={types !== null && total === 0}>
        Expand all{types ? ` (${total} new)` : ''}
      </button>
      {types === null && <p className="muted">Counting links…</p>}
      {types?.length === 0 && <p className="muted">No links to expand.</p>}
      {types && types.length > 0 && (
        <ul aria-label="Expand by link type">
          {types.map((t) => (
            <li key={`${t.kind}:${t.schema}`}>
              <button type="button" onClick={() => void actions.expand(props.node, t)} disabled={t.fresh === 0} title={`${t.links} links; ${t.fresh} neighbours not on the chart yet`}>
                <span className={`swatch kind-${t.kind}`} aria-hidden="true" />
                <span className="lt-label">{t.label}</span>
                <span className="lt-count">
                  {t.links} · {t.fresh} new
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
