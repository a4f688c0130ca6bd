// What resolution made of an entity: the canonical entity it was merged into, its members, their combined properties and why.
import { propLabel } from '../format.ts';
import { entityHref } from '../router.ts';
import type { GroupView } from '../types.ts';

/** Each property's distinct values over all members, with how many members hold each. */
export function mergedProperties(group: GroupView): { prop: string; values: { value: string; members: number }[] }[] {
  const byProp = new Map<string, Map<string, number>>();
  for (const m of group.members) {
    for (const [prop, values] of Object.entries(m.properties)) {
      const counts = byProp.get(prop) ?? new Map<string, number>();
      for (const v of new Set(values)) counts.set(v, (counts.get(v) ?? 0) + 1);
      byProp.set(prop, counts);
    }
  }
  return [...byProp].map(([prop, counts]) => ({ prop, values: [...counts].map(([value, members]) => ({ value, members })).sort((a, b) => b.members - a.members) }));
}

export function ResolutionPanel(props: { self: string; group: GroupView }) {
  const g = props.group;
  if (!g.canonical) {
    return (
      <p className="hint">
        Not merged with any other record. Uncertain candidates wait in the <a href="#/review">review queue</a>.
      </p>
    );
  }
  const names = mergedProperties(g).find((p) => p.prop === 'name')?.values[0]?.value ?? g.members[0]?.caption ?? g.canonical;
  return (
    <div className="resolution">
      <p>
        This record is one of <strong>{g.members.length}</strong> records merged into the canonical entity <strong>{names}</strong> <code className="id">{g.canonical}</code>.
      </p>
      <h3>Members</h3>
      <ul className="members">
        {g.members.map((m) => (
          <li key={m.id}>
            {m.id === props.self ? (
              <span aria-current="true">
                {m.caption} <span className="hint">(this record)</span>
              </span>
            ) : (
              <a href={entityHref(m.id)}>{m.caption}</a>
            )}{' '}
            <span className="badge schema">{m.schema}</span> <span className="hint">{m.datasets.join(', ')}</span>
          </li>
        ))}
      </ul>
      <details className="merged">
        <summary>Combined properties of the canonical entity</summary>
        <dl className="merged-props">
          {mergedProperties(g).map(({ prop, values }) => (
            <div key={prop}>
              <dt>{propLabel(prop)}</dt>
              <dd>
                {values.map((v) => (
                  <span key={v.value} className="merged-value">
                    {v.value}
                    {g.members.length > 1 ? <span className="hint"> ({v.members} of {g.members.length})</span> : null}
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </details>
      {g.judgements.length ? (
        <>
          <h3>Why they were merged</h3>
          <ul className="judgements">
            {g.judgements.map((j) => (
              <li key={j.id}>
                {j.by === 'user' ? `${j.actor} decided` : `Rule ${j.rule}`}: {j.reason || 'no reason recorded'}
                {j.score !== null ? <span className="hint"> (probability {Math.round(j.score * 100)} %)</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
