// Paths between two selected entities: options (shortest or all, hop limit), the list of paths found, which one to highlight.
import { useChartHandles, useChartSnapshot } from './useChart.ts';

export interface PathOptions {
  mode: 'shortest' | 'all';
  maxHops: number;
}

/** Shown when two entities are selected or paths are highlighted. */
export function PathsPanel(props: { options: PathOptions; onOptions: (o: PathOptions) => void; onFind: () => void }) {
  const { controller } = useChartHandles();
  const snap = useChartSnapshot();
  const m = controller.model;
  const paths = snap.paths;
  const sel = snap.selection.filter((id) => m.entities.has(id));
  if (!paths && sel.length !== 2) return null;
  const name = (id: string) => m.entities.get(id)?.label ?? id;
  return (
    <section className="chart-paths" aria-label="Paths">
      <h3>Paths</h3>
      {sel.length === 2 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            props.onFind();
          }}
        >
          <p>
            Between <strong>{name(sel[0])}</strong> and <strong>{name(sel[1])}</strong>
          </p>
          <label>
            <input type="radio" name="path-mode" checked={props.options.mode === 'shortest'} onChange={() => props.onOptions({ ...props.options, mode: 'shortest' })} /> shortest
          </label>
          <label>
            <input type="radio" name="path-mode" checked={props.options.mode === 'all'} onChange={() => props.onOptions({ ...props.options, mode: 'all' })} /> all
          </label>
          <label>
            up to{' '}
            <input
              type="number"
              min={1}
              max={8}
              value={props.options.maxHops}
              onChange={(e) => props.onOptions({ ...props.options, maxHops: Math.max(1, Math.min(8, Number(e.target.value) || 1)) })}
              aria-label="Maximum hops"
            />{' '}
            hops
          </label>
          <button type="submit" className="primary">
            Find paths
          </button>
        </form>
      )}
      {paths && (
        <>
          <p role="status">
            {paths.paths.length === 0
              ? `No path between ${name(paths.from)} and ${name(paths.to)}.`
              : `${paths.paths.length}${paths.truncated ? '+' : ''} path${paths.paths.length === 1 ? '' : 's'} between ${name(paths.from)} and ${name(paths.to)}`}
          </p>
          <ol className="chart-path-list">
            {paths.paths.map((p, i) => (
              <li key={i}>
                <button type="button" aria-pressed={paths.active === i} onClick={() => controller.showPaths({ ...paths, active: paths.active === i ? null : i })}>
                  {p.edges.length} hop{p.edges.length === 1 ? '' : 's'}: {p.nodes.map(name).join(' → ')}
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => controller.showPaths(null)}>
            Clear path highlight
          </button>
        </>
      )}
    </section>
  );
}
