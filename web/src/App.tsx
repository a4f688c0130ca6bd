// The app shell: the session (sign-in, sign-out, expiry), the top bar and the page of the current hash route.
import { useEffect, useRef, useState } from 'react';
import { AlertsPage } from './alerts/AlertsPage.tsx';
import { api, getToken, setToken, whenSignedOut } from './api.ts';
import { ChartPage } from './chart/ChartPage.tsx';
import { SignIn } from './components/SignIn.tsx';
import { EmptyState } from './components/States.tsx';
import { TopBar } from './components/TopBar.tsx';
import { TracePage } from './money/TracePage.tsx';
import { traceQuery } from './money/trace-params.ts';
import { EntityPage } from './pages/EntityPage.tsx';
import { ImportPage } from './pages/ImportPage.tsx';
import { ReviewPage } from './pages/ReviewPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { useRoute, type Route } from './router.ts';
import type { User } from './types.ts';

type Session = { state: 'checking' } | { state: 'out'; notice?: string } | { state: 'in'; user: User };

const TITLES: Record<Route['page'], string> = {
  search: 'Search',
  entity: 'Entity',
  chart: 'Link chart',
  review: 'Review matches',
  alerts: 'Alerts',
  trace: 'Money flow',
  import: 'Import',
  notfound: 'Not found',
};

/** The root component mounted by main.tsx. */
export function App() {
  const [session, setSession] = useState<Session>(() => (getToken() ? { state: 'checking' } : { state: 'out' }));

  useEffect(() => {
    if (session.state !== 'checking') return;
    api<{ user: User }>('GET', '/auth/me').then(
      ({ user }) => setSession({ state: 'in', user }),
      () => setSession({ state: 'out', notice: 'Your session has ended. Sign in again to continue.' }),
    );
  }, [session.state]);

  useEffect(() => whenSignedOut(() => setSession({ state: 'out', notice: 'Your session has ended. Sign in again to continue.' })), []);

  async function signOut(): Promise<void> {
    await api('POST', '/auth/logout').catch(() => undefined);
    setToken(null);
    setSession({ state: 'out', notice: 'You are signed out.' });
  }

  if (session.state === 'checking') {
    return (
      <main className="app-loading" id="main" aria-busy="true">
        <p>Opening Corvid…</p>
      </main>
    );
  }
  if (session.state === 'out') return <SignIn notice={session.notice} onSignedIn={(user) => setSession({ state: 'in', user })} />;
  return <Shell user={session.user} onSignOut={() => void signOut()} />;
}

function Shell(props: { user: User; onSignOut: () => void }) {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const lastPage = useRef(route.page);

  useEffect(() => {
    document.title = `${TITLES[route.page]} · Corvid`;
    // A new page moves the focus to its content (as a page load would); a new query on the same page does not.
    if (lastPage.current !== route.page) main.current?.focus();
    lastPage.current = route.page;
  }, [route]);

  return (
    <div className="app">
      <TopBar route={route} user={props.user} onSignOut={props.onSignOut} />
      <main className="main" id="main" tabIndex={-1} ref={main}>
        <Page route={route} />
      </main>
    </div>
  );
}

function Page(props: { route: Route }) {
  const r = props.route;
  switch (r.page) {
    case 'search':
      return <SearchPage route={r} />;
    case 'entity':
      return <EntityPage key={r.id} id={r.id} />;
    case 'chart':
      return <ChartPage {...(r.chartId ? { chartId: r.chartId } : {})} {...(r.add.length ? { addEntityIds: r.add } : {})} {...(r.links ? { linkIds: r.links } : {})} {...(r.alert ? { alertId: r.alert } : {})} />;
    case 'review':
      return <ReviewPage />;
    case 'alerts':
      return <AlertsPage status={r.status} typology={r.typology} />;
    case 'trace':
      return <TracePage key={r.trace ? traceQuery(r.trace).toString() : ''} trace={r.trace} />;
    case 'import':
      return <ImportPage {...(r.job ? { job: r.job } : {})} />;
    case 'notfound':
      return (
        <EmptyState title="There is no such page.">
          <p>
            <a href="#/search">Go to search</a> or use the menu above.
          </p>
        </EmptyState>
      );
  }
}
