// Hash routing: the page and its parameters live in `location.hash`, so every view has a link that survives reloads.
import { useEffect, useState } from 'react';
import { parseTraceParams, traceQuery, type TraceParams } from './money/trace-params.ts';

/** The alert queue's status filter: one status, or every alert. */
export type AlertStatusFilter = 'open' | 'confirmed' | 'dismissed' | 'all';
const ALERT_STATUSES: readonly AlertStatusFilter[] = ['open', 'confirmed', 'dismissed', 'all'];

export type Route =
  | { page: 'search'; q: string; schema: string; datasets: string[]; fuzzy: boolean }
  | { page: 'entity'; id: string }
  | { page: 'chart'; chartId?: string; add: string[]; links?: string[]; alert?: string }
  | { page: 'review' }
  | { page: 'alerts'; status: AlertStatusFilter; typology: string }
  | { page: 'trace'; trace: TraceParams | null }
  | { page: 'import'; job?: string }
  | { page: 'notfound'; path: string };

/**
 * Reads a route from a location hash; an empty hash is the search page.
 * @example parseRoute('#/entity/fiu-nl.abc') // { page: 'entity', id: 'fiu-nl.abc' }
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/search';
  const qAt = raw.indexOf('?');
  const path = qAt < 0 ? raw : raw.slice(0, qAt);
  const params = new URLSearchParams(qAt < 0 ? '' : raw.slice(qAt + 1));
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const [head, second] = parts;
  switch (head ?? 'search') {
    case 'search':
      return { page: 'search', q: params.get('q') ?? '', schema: params.get('schema') ?? '', datasets: params.getAll('dataset'), fuzzy: params.get('fuzzy') !== 'false' };
    case 'entity':
      return second ? { page: 'entity', id: parts.slice(1).join('/') } : { page: 'notfound', path };
    case 'chart': {
      const alert = params.get('alert');
      const links = params.getAll('links').flatMap((a) => a.split(',')).filter(Boolean);
      return { page: 'chart', ...(second ? { chartId: second } : {}), add: params.getAll('add').flatMap((a) => a.split(',')).filter(Boolean), ...(links.length ? { links } : {}), ...(alert ? { alert } : {}) };
    }
    case 'review':
      return { page: 'review' };
    case 'alerts': {
      const status = params.get('status') as AlertStatusFilter | null;
      return { page: 'alerts', status: status && ALERT_STATUSES.includes(status) ? status : 'open', typology: params.get('typology') ?? '' };
    }
    case 'trace':
      return { page: 'trace', trace: parseTraceParams(params) };
    case 'import': {
      const job = params.get('job');
      return job ? { page: 'import', job } : { page: 'import' };
    }
    default:
      return { page: 'notfound', path };
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The hash for a route (the inverse of parseRoute).
 * @example hrefOf({ page: 'search', q: 'rossi', schema: '', datasets: [], fuzzy: true }) // '#/search?q=rossi'
 */
export function hrefOf(route: Route): string {
  const qs = new URLSearchParams();
  switch (route.page) {
    case 'search':
      if (route.q) qs.set('q', route.q);
      if (route.schema) qs.set('schema', route.schema);
      for (const d of route.datasets) qs.append('dataset', d);
      if (!route.fuzzy) qs.set('fuzzy', 'false');
      return withQuery('#/search', qs);
    case 'entity':
      return `#/entity/${encodeURIComponent(route.id)}`;
    case 'chart':
      for (const a of route.add) qs.append('add', a);
      if (route.links?.length) qs.set('links', route.links.join(','));
      if (route.alert) qs.set('alert', route.alert);
      return withQuery(route.chartId ? `#/chart/${encodeURIComponent(route.chartId)}` : '#/chart', qs);
    case 'review':
      return '#/review';
    case 'alerts':
      if (route.status !== 'open') qs.set('status', route.status);
      if (route.typology) qs.set('typology', route.typology);
      return withQuery('#/alerts', qs);
    case 'trace':
      return withQuery('#/trace', route.trace ? traceQuery(route.trace) : qs);
    case 'import':
      if (route.job) qs.set('job', route.job);
      return withQuery('#/import', qs);
    case 'notfound':
      return `#${route.path}`;
  }
}

function withQuery(path: string, qs: URLSearchParams): string {
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** Link target of an entity page. */
export const entityHref = (id: string): string => hrefOf({ page: 'entity', id });

/** Goes to a route (adds a history entry, so Back works). */
export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
