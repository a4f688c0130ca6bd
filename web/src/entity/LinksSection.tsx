// An entity's links (relations, payments, calls… that refer to it, with who is on the other side) and its documents.
import { propLabel } from '../format.ts';
import { entityHref } from '../router.ts';
import type { Entity, Link } from '../types.ts';
import { useEntities } from './useEntities.ts';

/** Schemata that are documents or messages rather than relations: listed under Documents. */
const DOCUMENT_SCHEMATA = new Set([
  'Document',
  'Note',
  'Message',
  'Email',
  'Article',
  'PlainText',
  'HyperText',
  'Pages',
  'Page',
  'Image',
  'Table',
  'Workbook',
  'Audio',
  'Video',
  'Folder',
  'Package',
  'Mention',
  'Documentation',
]);

const DETAIL_PROPS = ['role', 'relationship', 'date', 'startDate', 'endDate', 'amount', 'currency', 'duration', 'summary', 'purpose'];

/**
 * The entities a link entity points to besides `self`: the other side of a relation. Store ids are
 * namespaced by dataset (`fiu-nl.…`), which tells references apart from text values.
 */
export function otherSide(link: Entity, viaProp: string, self: string): string[] {
  const out: string[] = [];
  for (const [prop, values] of Object.entries(link.properties)) {
    if (prop === viaProp) continue;
    for (const v of values) if (v !== self && link.datasets.some((d) => v.startsWith(`${d}.`)) && !out.includes(v)) out.push(v);
  }
  return out;
}

export function splitLinks(links: Link[]): { relations: Link[]; documents: Link[] } {
  return { relations: links.filter((l) => !DOCUMENT_SCHEMATA.has(l.entity.schema)), documents: links.filter((l) => DOCUMENT_SCHEMATA.has(l.entity.schema)) };
}

function details(e: Entity): string {
  const parts: string[] = [];
  for (const p of DETAIL_PROPS) {
    const v = e.properties[p];
    if (!v?.length) continue;
    if (p === 'currency' && e.properties.amount?.length) continue;
    parts.push(p === 'amount' ? `${v.join(', ')} ${e.properties.currency?.[0] ?? ''}`.trim() : `${propLabel(p)}: ${v.slice(0, 2).join(', ')}`);
  }
  return parts.join(' · ');
}

export function RelationsTable(props: { self: string; links: Link[] }) {
  const others = props.links.map((l) => otherSide(l.entity, l.prop, props.self));
  const known = useEntities(others.flat());
  if (props.links.length === 0) return <p className="hint">Nothing you may see refers to this entity.</p>;
  return (
    <div className="table-wrap">
      <table className="links">
        <caption className="visually-hidden">Entities that refer to this one</caption>
        <thead>
          <tr>
            <th scope="col">Relation</th>
            <th scope="col">Other side</th>
            <th scope="col">Details</th>
            <th scope="col">Datasets</th>
          </tr>
        </thead>
        <tbody>
          {props.links.map((l, i) => (
            <tr key={`${l.entity.id}:${l.prop}`}>
              <td>
                <a href={entityHref(l.entity.id)}>{l.entity.schema}</a> <span className="hint">as {propLabel(l.prop).toLowerCase()}</span>
              </td>
              <td>
                {others[i].length === 0 ? (
                  <a href={entityHref(l.entity.id)}>{l.entity.caption}</a>
                ) : (
                  others[i].map((id) => (
                    <a key={id} className="link-other" href={entityHref(id)}>
                      {known[id]?.caption ?? id}
                      {known[id] ? <span className="hint"> ({known[id]?.schema})</span> : null}
                    </a>
                  ))
                )}
              </td>
              <td>{details(l.entity)}</td>
              <td>{l.entity.datasets.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DocumentList(props: { links: Link[] }) {
  if (props.links.length === 0) return <p className="hint">No documents or messages mention this entity.</p>;
  return (
    <ul className="documents">
      {props.links.map(({ entity: d, prop }) => {
        const p = d.properties;
        const title = p.title?.[0] ?? p.subject?.[0] ?? p.name?.[0] ?? d.caption;
        const body = p.bodyText?.[0] ?? p.summary?.[0] ?? p.description?.[0] ?? '';
        const date = p.date?.[0] ?? p.publishedAt?.[0] ?? p.authoredAt?.[0] ?? '';
        return (
          <li key={`${d.id}:${prop}`} className="document">
            <a href={entityHref(d.id)}>{title}</a> <span className="badge schema">{d.schema}</span>{' '}
            <span className="hint">
              as {propLabel(prop).toLowerCase()}
              {date ? ` · ${date.replace('T', ' ')}` : ''} · {d.datasets.join(', ')}
            </span>
            {body ? <p className="document-body">{body.length > 280 ? `${body.slice(0, 280)}…` : body}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
