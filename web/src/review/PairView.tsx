// A review pair side by side: both records' values lined up by comparison, each with its level and weight of evidence in bits.
import { formatBits, formatPercent, propLabel } from '../format.ts';
import { entityHref } from '../router.ts';
import type { Contribution, Entity, ReviewItem } from '../types.ts';
import { COMPARISON_PROPS, FALLBACK_PROPS, WHY, valuesOf } from './comparisons.ts';

interface Side {
  values: string[];
  /** The values are the full name the comparison split, not the record's own given or family name. */
  fromName?: boolean;
}

interface Row {
  label: string;
  left: Side;
  right: Side;
  contribution?: Contribution;
}

function side(e: Entity, comparison: string, props: readonly string[]): Side {
  const own = valuesOf(e.properties, props);
  const fallback = FALLBACK_PROPS[comparison];
  if (own.length || !fallback) return { values: own };
  const values = valuesOf(e.properties, fallback);
  return values.length ? { values, fromName: true } : { values };
}

/** Rows: the names first, then one per comparison, then every other property either record has. */
export function alignRows(item: ReviewItem): Row[] {
  const { left, right } = item;
  const contributions = item.candidate.explanation?.contributions ?? [];
  const used = new Set<string>(['name']);
  const rows: Row[] = [];
  if (!contributions.some((c) => c.comparison === 'name')) rows.push({ label: 'Name', left: side(left, 'name', ['name', 'alias']), right: side(right, 'name', ['name', 'alias']) });
  used.add('alias');
  for (const c of contributions) {
    const props = COMPARISON_PROPS[c.comparison] ?? [];
    for (const p of props) used.add(p);
    rows.push({ label: c.comparison.charAt(0).toUpperCase() + c.comparison.slice(1), left: side(left, c.comparison, props), right: side(right, c.comparison, props), contribution: c });
  }
  const rest = [...new Set([...Object.keys(left.properties), ...Object.keys(right.properties)])].filter((p) => !used.has(p));
  for (const p of rest) rows.push({ label: propLabel(p), left: { values: left.properties[p] ?? [] }, right: { values: right.properties[p] ?? [] } });
  return rows;
}

function RecordHead(props: { e: Entity; side: string }) {
  return (
    <th scope="col" className="pair-record">
      <span className="visually-hidden">{props.side}: </span>
      <a href={entityHref(props.e.id)}>{props.e.caption}</a>
      <span className="pair-meta">
        <span className="badge schema">{props.e.schema}</span> {props.e.datasets.join(', ')}
      </span>
    </th>
  );
}

function SideCell(props: { side: Side }) {
  const { values, fromName } = props.side;
  if (!values.length) return <td className="missing">—</td>;
  if (!fromName) return <td>{values.join('; ')}</td>;
  return (
    <td className="from-name" title="No separate given or family name: resolution compared this full name">
      {values.join('; ')} <span className="hint">(full name)</span>
    </td>
  );
}

function Weight(props: { w: number }) {
  const width = Math.min(100, (Math.abs(props.w) / 12) * 100);
  const cls = props.w > 0 ? 'for' : props.w < 0 ? 'against' : 'neutral';
  return (
    <span className={`weight weight-${cls}`}>
      <span className="weight-bar" aria-hidden="true">
        <span style={{ width: `${width}%` }} />
      </span>
      <span className="weight-text">{formatBits(props.w)}</span>
    </span>
  );
}

export function PairView(props: { item: ReviewItem }) {
  const ex = props.item.candidate.explanation;
  const evidence = (ex?.contributions ?? []).reduce((a, c) => a + c.weight, 0);
  return (
    <div className="pair">
      <div className="explanation" aria-label="Match explanation">
        <p className="probability">
          Match probability <strong>{formatPercent(ex?.probability ?? props.item.candidate.probability)}</strong>
        </p>
        {ex ? (
          <p>
            Prior {formatBits(ex.prior)} + evidence {formatBits(evidence)} = {formatBits(ex.weight)}. In the queue because {WHY[ex.why] ?? ex.why}.
          </p>
        ) : null}
      </div>
      <div className="table-wrap">
        <table className="pair-table">
          <caption className="visually-hidden">The two records compared, property by property</caption>
          <thead>
            <tr>
              <th scope="col">Comparison</th>
              <RecordHead e={props.item.left} side="Left record" />
              <RecordHead e={props.item.right} side="Right record" />
              <th scope="col">Level</th>
              <th scope="col">Weight</th>
            </tr>
          </thead>
          <tbody>
            {alignRows(props.item).map((r) => (
              <tr key={r.label} className={r.contribution ? 'compared' : 'other'}>
                <th scope="row">{r.label}</th>
                <SideCell side={r.left} />
                <SideCell side={r.right} />
                <td>{r.contribution?.level ?? ''}</td>
                <td>{r.contribution ? <Weight w={r.contribution.weight} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
