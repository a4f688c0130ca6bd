// An alert's accounts or transfers: each entity's caption (from the entities API) linked to its page; a payment with its amount and date.
import { formatMoney } from '../money/amounts.ts';
import { entityHref } from '../router.ts';
import type { Entity } from '../types.ts';

function detail(e: Entity): string {
  const p = e.properties;
  const amount = p['amount']?.[0];
  const when = p['date']?.[0] ?? p['startDate']?.[0] ?? '';
  const parts = [amount ? formatMoney(amount, p['currency']?.[0] ?? '') : '', when].filter(Boolean);
  return parts.length ? ` · ${parts.join(' · ')}` : '';
}

export function EntityRefs(props: { title: string; ids: readonly string[]; known: Record<string, Entity | null | undefined> }) {
  return (
    <section aria-label={props.title}>
      <h3>
        {props.title} ({props.ids.length})
      </h3>
      <ul>
        {props.ids.map((id) => {
          const e = props.known[id];
          return (
            <li key={id}>
              <a href={entityHref(id)}>{e ? e.caption : id}</a>
              {e ? <span className="hint">{detail(e)}</span> : e === null ? <span className="hint"> (not visible to you)</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
