// Every property of an entity, each value with where it came from (dataset, file, line), its grading, handling, TLP and when it was seen.
import { Fragment } from 'react';
import { GradingBadge, HandlingBadge, TlpBadge } from '../components/Badges.tsx';
import { formatSeen, propLabel } from '../format.ts';
import { entityHref } from '../router.ts';
import type { Dataset, EntityDetail, Statement } from '../types.ts';
import { useEntities } from './useEntities.ts';

/** Statements grouped by property, then by value, in the entity's own property order. */
export function groupStatements(entity: EntityDetail): { prop: string; values: { value: string; statements: Statement[] }[] }[] {
  const byProp = new Map<string, Map<string, Statement[]>>();
  for (const s of entity.statements) {
    if (s.prop === 'id') continue;
    const values = byProp.get(s.prop) ?? new Map<string, Statement[]>();
    values.set(s.value, [...(values.get(s.value) ?? []), s]);
    byProp.set(s.prop, values);
  }
  const order = [...Object.keys(entity.properties), ...byProp.keys()].filter((p, i, all) => p !== 'id' && all.indexOf(p) === i);
  return order.map((prop) => {
    const values = byProp.get(prop) ?? new Map<string, Statement[]>();
    for (const v of entity.properties[prop] ?? []) if (!values.has(v)) values.set(v, []);
    return { prop, values: [...values].map(([value, statements]) => ({ value, statements })) };
  });
}

/** Where one value came from: dataset, file and line. */
export function Provenance(props: { s: Statement; datasets: Map<string, Dataset> }) {
  const title = props.datasets.get(props.s.dataset)?.title;
  return (
    <span className="provenance">
      <span className="chip" title={title}>
        {props.s.dataset}
      </span>{' '}
      <span className="source-file">{props.s.source}</span>
      {props.s.record ? <span className="source-line">, line {props.s.record}</span> : null}
    </span>
  );
}

/** Grading, handling code (with an H3 restriction's text), TLP and compartment of one value. */
export function Marks(props: { s: Statement }) {
  const s = props.s;
  return (
    <span className="marks">
      <GradingBadge grading={s.grading} /> <HandlingBadge code={s.handling} note={s.handlingNote} /> <TlpBadge tlp={s.tlp} />
      {s.compartment ? <span className="chip chip-compartment" title="Need-to-know compartment">{s.compartment}</span> : null}
      {s.handlingNote ? <span className="handling-note">{s.handlingNote}</span> : null}
    </span>
  );
}

export function PropertyTable(props: { entity: EntityDetail; datasets: Map<string, Dataset> }) {
  const groups = groupStatements(props.entity);
  const refIds = props.entity.statements.filter((s) => s.isRef).map((s) => s.value);
  const refs = useEntities(refIds);
  if (groups.length === 0) return <p className="hint">This entity has no properties you may see.</p>;
  return (
    <div className="table-wrap">
      <table className="props">
        <caption className="visually-hidden">Properties, each value with its source, grading and handling</caption>
        <thead>
          <tr>
            <th scope="col">Property</th>
            <th scope="col">Value</th>
            <th scope="col">Source</th>
            <th scope="col">Grading and handling</th>
            <th scope="col">First seen</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        {groups.map(({ prop, values }) => {
          const rows = values.reduce((n, v) => n + Math.max(1, v.statements.length), 0);
          return (
            <tbody key={prop} className="prop-group">
              {values.map(({ value, statements }, vi) => (
                <Fragment key={value}>
                  {(statements.length ? statements : [null]).map((s, si) => (
                    <tr key={s?.id ?? 'none'}>
                      {vi === 0 && si === 0 ? (
                        <th scope="rowgroup" rowSpan={rows} className="prop-name">
                          {propLabel(prop)}
                        </th>
                      ) : null}
                      {si === 0 ? (
                        <td rowSpan={Math.max(1, statements.length)} className="prop-value">
                          <Value value={value} isRef={statements.some((x) => x.isRef)} label={refs[value]?.caption} />
                          {s?.original && s.original !== value ? <span className="original"> (as written: {s.original})</span> : null}
                        </td>
                      ) : null}
                      {s ? (
                        <>
                          <td>
                            <Provenance s={s} datasets={props.datasets} />
                          </td>
                          <td>
                            <Marks s={s} />
                          </td>
                          <td className="seen">{formatSeen(s.firstSeen)}</td>
                          <td className="seen">{formatSeen(s.lastSeen)}</td>
                        </>
                      ) : (
                        <td colSpan={4} className="hint">
                          no source visible to you
                        </td>
                      )}
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

function Value(props: { value: string; isRef: boolean; label?: string }) {
  if (!props.isRef) return <span className="value">{props.value}</span>;
  return (
    <a href={entityHref(props.value)} className="value">
      {props.label ?? props.value}
    </a>
  );
}
