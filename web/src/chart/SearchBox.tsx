// The chart's search box: finds entities with GET /search and adds the chosen one to the chart.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { searchEntities } from './chart-api.ts';
import type { EntityRecord } from './types.ts';
import { useChartHandles } from './useChart.ts';

/** A combobox: type, pick with arrows and Enter (or a click); `/` focuses it from the chart. */
export function SearchBox(props: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { actions } = useChartHandles();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<EntityRecord[]>([]);
  const [active, setActive] = useState(0);
  const [state, setState] = useState<'idle' | 'loading' | 'error' | 'empty'>('idle');
  const [open, setOpen] = useState(false);
  const listId = useId();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    clearTimeout(timer.current);
    const text = q.trim();
    if (text.length < 2) {
      setHits([]);
      setState('idle');
      return;
    }
    const ctl = new AbortController();
    timer.current = setTimeout(() => {
      setState('loading');
      searchEntities(text, ctl.signal).then(
        (r) => {
          setHits(r.results.map((x) => x.entity));
          setActive(0);
          setState(r.results.length ? 'idle' : 'empty');
          setOpen(true);
        },
        (err: unknown) => {
          if ((err as { name?: string }).name !== 'AbortError') setState('error');
        },
      );
    }, 220);
    return () => ctl.abort();
  }, [q]);

  function choose(e: EntityRecord | undefined): void {
    if (!e) return;
    void actions.addSearchHit(e);
    setOpen(false);
    setQ('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(hits.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(hits[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
      (e.target as HTMLInputElement).blur();
    }
  }

  const showList = open && (hits.length > 0 || state === 'empty' || state === 'error');
  return (
    <div className="chart-search">
      <input
        ref={props.inputRef}
        type="search"
        role="combobox"
        aria-label="Add an entity: search by name or identifier"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && hits[active] ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        placeholder="Add entity… (/)"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {state === 'loading' && <span className="chart-search-spinner" aria-hidden="true" />}
      {showList && (
        <ul className="chart-search-results" role="listbox" id={listId} aria-label="Matching entities">
          {state === 'empty' && <li className="chart-search-note">No entity matches “{q}”. Check the spelling or try an identifier.</li>}
          {state === 'error' && <li className="chart-search-note">Search failed. Check your connection and type again.</li>}
          {hits.map((h, i) => (
            <li
              key={h.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(h)}
              onMouseEnter={() => setActive(i)}
            >
              <span className="hit-name">{h.caption}</span>
              <span className="hit-meta">
                {h.schema} · {h.datasets.join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
