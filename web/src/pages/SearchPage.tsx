// The search page: typo-tolerant search (GET /search) with type and dataset filters, results with highlighted matches.
import { useState } from 'react';
import { EmptyState, ErrorNotice, Placeholder, Status } from '../components/States.tsx';
import { Highlight } from '../components/Highlight.tsx';
import { plural, propLabel } from '../format.ts';
import { entityHref, navigate, type Route } from '../router.ts';
import type { Dataset, SearchResult } from '../types.ts';
import { useApi } from '../useApi.ts';

type SearchRoute = Extract<Route, { page: 'search' }>;

const PAGE = 25;
const MAX = 500;

/** Schema filters: the API includes descendants, so LegalEntity finds persons and companies too. */
const SCHEMATA: [string, string][] = [
  ['', 'All types'],
  ['LegalEntity', 'Persons and organisations'],
  ['Person', 'Persons'],
  ['Organization', 'Organisations'],
  ['Company', 'Companies'],
  ['BankAccount', 'Bank accounts'],
  ['CryptoWallet', 'Crypto wallets'],
  ['UserAccount', 'Online accounts'],
  ['Address', 'Addresses'],
  ['Vehicle', 'Vehicles'],
  ['Payment', 'Payments'],
  ['Call', 'Calls'],
  ['Message', 'Messages'],
  ['Event', 'Events'],
];

/** The few properties that tell namesakes apart at a glance. */
const SUMMARY_PROPS = ['birthDate', 'nationality', 'country', 'jurisdiction', 'phone', 'email', 'iban', 'accountNumber', 'publicKey', 'registrationNumber', 'date', 'amount'];

function searchPath(r: SearchRoute, limit: number): string {
  const qs = new URLSearchParams({ q: r.q, limit: String(limit) });
  if (r.schema) qs.set('schema', r.schema);
  for (const d of r.datasets) qs.append('dataset', d);
  if (!r.fuzzy) qs.set('fuzzy', 'false');
  return `/search?${qs.toString()}`;
}

export function SearchPage(props: { route: SearchRoute }) {
  const r = props.route;
  // "Show more" belongs to one query: a new query or filter starts again from the first page.
  const key = `${r.q}|${r.schema}|${r.datasets.join(',')}|${r.fuzzy}`;
  const [more, setMore] = useState({ key, limit: PAGE });
  const limit = more.key === key ? more.limit : PAGE;
  const res = useApi<{ results: SearchResult[] }>(r.q ? searchPath(r, limit) : null);
  const datasets = useApi<{ datasets: Dataset[] }>('/datasets');
  const results = res.data?.results ?? null;
  const filtered = r.schema !== '' || r.datasets.length > 0 || !r.fuzzy;

  const set = (change: Partial<SearchRoute>): void => navigate({ ...r, ...change });
  const toggleDataset = (name: string, on: boolean): void => set({ datasets: on ? [...r.datasets, name].sort() : r.datasets.filter((d) => d !== name) });

  return (
    <div className="search-page">
      <h1>Search</h1>
      <div className="search-layout">
        <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="search-schema">Type</label>
            <select id="search-schema" value={r.schema} onChange={(e) => set({ schema: e.target.value })}>
              {SCHEMATA.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="field">
            <legend>Datasets</legend>
            {datasets.error ? <p className="hint">Datasets could not be loaded; search still covers all of them.</p> : null}
            {(datasets.data?.datasets ?? []).map((d) => (
              <label key={d.name} className="check" title={d.title}>
                <input type="checkbox" checked={r.datasets.includes(d.name)} onChange={(e) => toggleDataset(d.name, e.target.checked)} />
                <span>{d.name}</span>
              </label>
            ))}
            {datasets.data && datasets.data.datasets.length === 0 ? <p className="hint">No datasets yet — import some data first.</p> : null}
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={r.fuzzy} onChange={(e) => set({ fuzzy: e.target.checked })} />
            <span>Allow typos and spelling variants</span>
          </label>
          {filtered ? (
            <button type="button" className="button button-quiet" onClick={() => set({ schema: '', datasets: [], fuzzy: true })}>
              Clear filters
            </button>
          ) : null}
        </form>

        <section className="results-area" aria-label="Results">
          {!r.q ? (
            <EmptyState title="Search the entity graph.">
              <p>Type a name, phone number, e-mail, IBAN or wallet address in the search box at the top, then press Enter.</p>
            </EmptyState>
          ) : (
            <>
              <Status busy={res.loading}>{res.loading ? 'Searching…' : results ? resultCount(results.length, limit, r.q) : ''}</Status>
              {res.error ? <ErrorNotice title="The search failed." error={res.error} onRetry={res.reload} /> : null}
              {!results && res.loading ? <Placeholder lines={6} label="Loading results" /> : null}
              {results && results.length === 0 && !res.error ? (
                <EmptyState title="No results — try fewer words, or check the filters.">
                  {filtered ? (
                    <button type="button" className="button" onClick={() => set({ schema: '', datasets: [], fuzzy: true })}>
                      Clear filters and search again
                    </button>
                  ) : null}
                </EmptyState>
              ) : null}
              {results && results.length > 0 ? <ResultList results={results} query={r.q} /> : null}
              {results && results.length === limit && limit < MAX ? (
                <button type="button" className="button" disabled={res.loading} onClick={() => setMore({ key, limit: Math.min(MAX, limit + PAGE * 2) })}>
                  Show more results
                </button>
              ) : null}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function resultCount(n: number, limit: number, q: string): string {
  return n === limit ? `The first ${plural(n, 'result')} for “${q}”` : `${plural(n, 'result')} for “${q}”`;
}

function ResultList(props: { results: SearchResult[]; query: string }) {
  return (
    <ol className="results">
      {props.results.map(({ entity, matched }) => {
        const summary = SUMMARY_PROPS.flatMap((p) => (entity.properties[p]?.length ? [`${propLabel(p)}: ${entity.properties[p].slice(0, 2).join(', ')}`] : [])).slice(0, 3);
        return (
          <li key={entity.id} className="result">
            <div className="result-head">
              <a className="result-title" href={entityHref(entity.id)}>
                <Highlight text={entity.caption} query={props.query} />
              </a>
              <span className="badge schema">{entity.schema}</span>
            </div>
            {matched && matched !== entity.caption ? (
              <p className="result-matched">
                Matched: <Highlight text={matched} query={props.query} />
              </p>
            ) : null}
            {summary.length ? <p className="result-summary">{summary.join(' · ')}</p> : null}
            <p className="result-datasets">
              <span className="visually-hidden">Datasets: </span>
              {entity.datasets.map((d) => (
                <span key={d} className="chip">
                  {d}
                </span>
              ))}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
