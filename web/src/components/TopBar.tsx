// The top bar: brand, the global search box, navigation, and who is signed in.
import { useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import { hrefOf, navigate, type Route } from '../router.ts';
import type { User } from '../types.ts';

const NAV: { label: string; page: Route['page']; href: string }[] = [
  { label: 'Search', page: 'search', href: '#/search' },
  { label: 'Link chart', page: 'chart', href: '#/chart' },
  { label: 'Review', page: 'review', href: '#/review' },
  { label: 'Alerts', page: 'alerts', href: '#/alerts' },
  { label: 'Money flow', page: 'trace', href: '#/trace' },
  { label: 'Import', page: 'import', href: '#/import' },
];

/** The hash is the router's, so the skip link moves focus itself instead of changing the hash. */
function skipToMain(ev: MouseEvent<HTMLAnchorElement>): void {
  ev.preventDefault();
  document.getElementById('main')?.focus();
}

/** The global search box sends its text to the search page, keeping the page's filters. */
export function TopBar(props: { route: Route; user: User; onSignOut: () => void }) {
  const current = props.route.page === 'search' ? props.route.q : '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);

  function submit(ev: FormEvent): void {
    ev.preventDefault();
    const r = props.route;
    const q = text.trim();
    if (!q) return;
    navigate(r.page === 'search' ? { ...r, q } : { page: 'search', q, schema: '', datasets: [], fuzzy: true });
  }

  return (
    <header className="topbar">
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <a className="brand" href={hrefOf({ page: 'search', q: '', schema: '', datasets: [], fuzzy: true })}>
        <span className="brand-mark" aria-hidden="true" /> Corvid
      </a>
      <form className="global-search" role="search" onSubmit={submit}>
        <label htmlFor="global-search" className="visually-hidden">
          Search entities
        </label>
        <input id="global-search" type="search" placeholder="Search names, phones, IBANs, wallets…" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <nav aria-label="Main">
        <ul className="nav">
          {NAV.map((n) => (
            <li key={n.page}>
              <a href={n.href} aria-current={props.route.page === n.page ? 'page' : undefined}>
                {n.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="user">
        <span className="user-name" title={`Roles: ${props.user.roles.join(', ') || 'none'}; TLP ceiling ${props.user.tlpCeiling}`}>
          <span className="visually-hidden">Signed in as </span>
          {props.user.name}
        </span>
        <button type="button" className="button button-quiet" onClick={props.onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
