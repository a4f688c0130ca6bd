// The entity page: every property with its sources, the entity's links, documents and datasets, and what resolution merged it with.
import { EmptyState, ErrorNotice, Placeholder } from '../components/States.tsx';
import { DocumentList, RelationsTable, splitLinks } from '../entity/LinksSection.tsx';
import { Marks, PropertyTable, Provenance } from '../entity/PropertyTable.tsx';
import { ResolutionPanel } from '../entity/ResolutionPanel.tsx';
import { formatSeen, plural } from '../format.ts';
import { navigate } from '../router.ts';
import type { Dataset, EntityDetail, GroupView, Statement } from '../types.ts';
import { useApi } from '../useApi.ts';

const LINKS = 200;

export function EntityPage(props: { id: string }) {
  const id = encodeURIComponent(props.id);
  const entity = useApi<EntityDetail>(`/entities/${id}?links=${LINKS}`);
  const group = useApi<GroupView>(`/resolve/entities/${id}`);
  const ds = useApi<{ datasets: Dataset[] }>('/datasets');
  const datasets = new Map((ds.data?.datasets ?? []).map((d) => [d.name, d]));

  if (entity.error) {
    return (
      <>
        <h1>Entity</h1>
        <ErrorNotice title="This entity could not be opened." error={entity.error} onRetry={entity.reload} />
        <p>
          <a href="#/search">Back to search</a>
        </p>
      </>
    );
  }
  const e = entity.data;
  if (!e) {
    return (
      <>
        <h1 className="placeholder-title">Loading entity…</h1>
        <Placeholder lines={10} label="Loading entity" />
      </>
    );
  }
  const { relations, documents } = splitLinks(e.links);
  return (
    <article className="entity-page">
      <header className="entity-head">
        <div>
          <p className="eyebrow">
            <span className="badge schema">{e.schema}</span> <code className="id">{e.id}</code>
          </p>
          <h1>{e.caption}</h1>
          <p className="hint">
            In {e.datasets.join(', ')} · first seen {formatSeen(e.firstSeen)} · last seen {formatSeen(e.lastSeen)}
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={() => navigate({ page: 'chart', add: [e.id] })}>
          Open on link chart
        </button>
      </header>

      <section aria-labelledby="sec-props">
        <h2 id="sec-props">Properties</h2>
        <PropertyTable entity={e} datasets={datasets} />
      </section>

      <section aria-labelledby="sec-resolution">
        <h2 id="sec-resolution">Resolution</h2>
        {group.error ? <ErrorNotice title="Resolution could not be loaded." error={group.error} onRetry={group.reload} /> : null}
        {group.data ? <ResolutionPanel self={e.id} group={group.data} /> : group.loading ? <Placeholder lines={2} label="Loading resolution" /> : null}
      </section>

      <section aria-labelledby="sec-links">
        <h2 id="sec-links">Links ({relations.length})</h2>
        {e.links.length >= LINKS ? <p className="hint">Showing the first {LINKS} links; open the link chart to explore all of them.</p> : null}
        <RelationsTable self={e.id} links={relations} />
      </section>

      <section aria-labelledby="sec-docs">
        <h2 id="sec-docs">Documents ({documents.length})</h2>
        <DocumentList links={documents} />
      </section>

      <section aria-labelledby="sec-datasets">
        <h2 id="sec-datasets">Datasets and source records</h2>
        <DatasetRecords statements={e.statements} datasets={datasets} names={e.datasets} />
      </section>
    </article>
  );
}

/** The source records (one per file line) that contributed to the entity, by dataset. */
function DatasetRecords(props: { statements: Statement[]; datasets: Map<string, Dataset>; names: string[] }) {
  const records = props.statements.filter((s) => s.prop === 'id');
  if (props.names.length === 0) return <EmptyState title="No dataset you may see holds this entity." />;
  return (
    <ul className="dataset-records">
      {props.names.map((name) => {
        const own = records.filter((s) => s.dataset === name);
        const values = props.statements.filter((s) => s.dataset === name && s.prop !== 'id').length;
        return (
          <li key={name}>
            <strong>{props.datasets.get(name)?.title ?? name}</strong> <span className="chip">{name}</span>{' '}
            <span className="hint">{plural(values, 'value')}</span>
            <ul>
              {own.map((s) => (
                <li key={s.id}>
                  <Provenance s={s} datasets={props.datasets} /> <Marks s={s} />
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
