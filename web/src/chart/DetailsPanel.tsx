// The details panel: the selected entity (properties, schema, datasets) or link (kind, dates, what it rests on), or the selection's actions.
import { useEffect, useState } from 'react';
import { getEntity } from './chart-api.ts';
import { describeError } from './errors.ts';
import { typeLabel } from './link-types.ts';
import { LinkTypeList } from './LinkTypeList.tsx';
import { TraceLinks } from '../money/TraceLinks.tsx';
import type { EntityRecord, NetworkEdge } from './types.ts';
import { useChartHandles, useChartSnapshot } from './useChart.ts';

const MAX_VALUES = 4;

/** One line saying why two entities are linked: the inferred identifier, the reference property, or the link's own entity. */
export function linkReason(e: Pick<NetworkEdge, 'kind' | 'schema' | 'label' | 'shared'>): string {
  if (e.kind === 'shared-identifier') return `inferred: same ${e.shared?.property ?? e.schema} ${e.shared?.value ?? ''}`.trim();
  if (e.kind === 'reference') return `reference: ${e.schema}`;
  return e.label ? `${e.schema}: ${e.label}` : e.schema;
}

function dates(e: { start?: string; end?: string }): string {
  if (e.start && e.end && e.end !== e.start) return `${e.start} – ${e.end}`;
  return e.start ?? e.end ?? 'undated';
}

function EntityDetails(props: { id: string }) {
  const [entity, setEntity] = useState<EntityRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setEntity(null);
    setError(null);
    getEntity(props.id, ctl.signal).then(setEntity, (err: unknown) => {
      if ((err as { name?: string }).name === 'AbortError') return;
      const d = describeError(err, 'Loading the details');
      setError(`${d.message} ${d.hint}`);
    });
    return () => ctl.abort();
  }, [props.id]);
  if (error) return <p className="chart-error-inline">{error}</p>;
  if (!entity) return <p className="muted">Loading details…</p>;
  const props_ = Object.entries(entity.properties).filter(([k]) => k !== 'name');
  return (
    <dl className="chart-props">
      {props_.map(([k, vs]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            {vs.slice(0, MAX_VALUES).join('; ')}
            {vs.length > MAX_VALUES ? ` (+${vs.length - MAX_VALUES})` : ''}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function EdgeDetails(props: { id: string }) {
  const { controller } = useChartHandles();
  const m = controller.model;
  const link = m.links.get(props.id);
  if (!link) return null;
  const name = (id: string) => m.entities.get(id)?.label ?? id;
  const g = m.graph;
  // Parallel links between the same two nodes overlap on screen: list them all.
  const parallel = g.hasEdge(props.id) ? g.edges(g.source(props.id), g.target(props.id)).filter((x) => x !== props.id) : [];
  return (
    <section aria-label="Link details">
      <h3>{typeLabel(link.kind, link.schema)}</h3>
      <p className="chart-link-ends">
        {name(link.from)} {link.directed ? '→' : '—'} {name(link.to)}
      </p>
      <p className={link.kind === 'shared-identifier' ? 'chart-inferred' : undefined}>{linkReason(link)}</p>
      <dl className="chart-props">
        <div>
          <dt>dates</dt>
          <dd>{dates(link)}</dd>
        </div>
        <div>
          <dt>weight</dt>
          <dd>{link.weight}</dd>
        </div>
        <div>
          <dt>datasets</dt>
          <dd>{link.datasets.join(', ') || '—'}</dd>
        </div>
      </dl>
      {link.kind === 'interstitial' && <EntityDetails id={link.source} />}
      {parallel.length > 0 && (
        <>
          <h4>{parallel.length} more links between them</h4>
          <ul className="chart-parallel">
            {parallel.slice(0, 30).map((x) => {
              const l = m.links.get(x);
              return (
                <li key={x}>
                  <button type="button" className="linklike" onClick={() => controller.set({ focusEdge: x })}>
                    {l ? `${typeLabel(l.kind, l.schema)} · ${dates(l)}` : x}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

/** The side panel's top part. */
export function DetailsPanel() {
  const { controller, actions } = useChartHandles();
  const snap = useChartSnapshot();
  const m = controller.model;
  if (snap.focusEdge) return <EdgeDetails id={snap.focusEdge} />;
  const sel = snap.selection.filter((id) => m.graph.hasNode(id));
  if (sel.length === 0) {
    return (
      <section aria-label="Details" className="muted">
        <p>Click an entity or a link to see its details. Shift-drag to select several; right-click an entity for its menu.</p>
      </section>
    );
  }
  if (sel.length === 1) {
    const id = sel[0];
    const a = m.graph.getNodeAttributes(id);
    return (
      <section aria-label="Entity details">
        <h3>{a.label}</h3>
        <p className="chart-meta">
          {a.kind === 'group' ? `Group of ${m.groupMembers(id).length}` : a.schema} · {a.datasets.join(', ') || '—'}
          {a.fixed ? ' · pinned' : ''}
          {a.score !== undefined ? ` · ${snap.sizeLegend?.algorithm ?? 'score'} ${a.score.toPrecision(3)}` : ''}
          {a.community !== undefined ? ` · community ${a.community}` : ''}
        </p>
        {a.kind === 'group' ? (
          <ul className="chart-members">
            {m.groupMembers(id).map((x) => (
              <li key={x}>{m.entities.get(x)?.label ?? x}</li>
            ))}
          </ul>
        ) : (
          <>
            <p>
              <a href={`#/entity/${encodeURIComponent(id)}`}>Open entity page</a>
            </p>
            <TraceLinks id={id} schema={a.schema} />
          </>
        )}
        <h4>Expand</h4>
        <LinkTypeList node={id} />
        {a.kind === 'entity' && <EntityDetails id={id} />}
      </section>
    );
  }
  return (
    <section aria-label="Selection">
      <h3>{sel.length} selected</h3>
      <div className="chart-actions">
        <button type="button" onClick={() => void actions.expandSelection()}>
          Expand all <kbd>e</kbd>
        </button>
        <button type="button" onClick={() => m.group(sel)}>
          Group <kbd>g</kbd>
        </button>
        <button type="button" onClick={() => m.setPinned(sel)}>
          Pin / unpin <kbd>p</kbd>
        </button>
        <button type="button" onClick={() => m.setHidden(sel, true)}>
          Hide <kbd>h</kbd>
        </button>
        <button type="button" onClick={() => m.remove(sel)}>
          Remove
        </button>
      </div>
    </section>
  );
}
