// The alert queue (#/alerts?status=…&typology=…): detector findings highest score first, each with its evidence and a verdict.
import { useEffect, useState } from 'react';
import { EmptyState, ErrorNotice, Placeholder, Status } from '../components/States.tsx';
import { useEntities } from '../entity/useEntities.ts';
import { plural } from '../format.ts';
import { navigate, type AlertStatusFilter } from '../router.ts';
import { useApi } from '../useApi.ts';
import { AlertCard } from './AlertCard.tsx';
import { ALERT_LIMIT, alertsPath } from './alerts-api.ts';
import type { AlertStatus, AlertView } from './types.ts';
import './alerts.css';

const STATUS_OPTIONS: { value: AlertStatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: 'all', label: 'All' },
];
const DONE: Record<AlertStatus, string> = { confirmed: 'Confirmed', dismissed: 'Dismissed', open: 'Re-opened' };

export function AlertsPage(props: { status: AlertStatusFilter; typology: string }) {
  const { data, error, loading, reload } = useApi<{ alerts: AlertView[] }>(alertsPath(props.status, props.typology));
  const [items, setItems] = useState<AlertView[] | null>(null);
  const [typologies, setTypologies] = useState<string[]>([]);
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (!data) return;
    setItems(data.alerts);
    // The typologies seen so far; an unfiltered answer lists every typology of that status.
    setTypologies((seen) => [...new Set([...seen, ...data.alerts.map((a) => a.typology)])].sort());
  }, [data]);

  const known = useEntities((items ?? []).flatMap((a) => [...a.accounts, ...a.transfers]));

  function reviewed(updated: AlertView, verdict: AlertStatus): void {
    const stays = props.status === 'all' || props.status === updated.status;
    setItems((list) => (list ?? []).flatMap((a) => (a.id !== updated.id ? [a] : stays ? [updated] : [])));
    setMessage(`${DONE[verdict]} “${updated.name}”${updated.reviewReason && verdict !== 'open' ? `: ${updated.reviewReason}` : ''}.`);
  }

  const go = (status: AlertStatusFilter, typology: string): void => {
    setMessage('');
    navigate({ page: 'alerts', status, typology });
  };
  const options = props.typology && !typologies.includes(props.typology) ? [...typologies, props.typology] : typologies;
  return (
    <div className="alerts-page">
      <div className="page-head">
        <h1>Alerts</h1>
      </div>
      <form className="alerts-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="alerts-status">Status</label>
          <select id="alerts-status" value={props.status} onChange={(e) => go(e.target.value as AlertStatusFilter, props.typology)}>
            {STATUS_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="alerts-typology">Typology</label>
          <select id="alerts-typology" value={props.typology} onChange={(e) => go(props.status, e.target.value)}>
            <option value="">Any typology</option>
            {options.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
      </form>
      <Status busy={loading}>{loading ? 'Loading alerts…' : message}</Status>
      {error ? <ErrorNotice title="The alerts could not be loaded." error={error} onRetry={reload} /> : null}
      {items === null && !error ? <Placeholder lines={6} label="Loading the alert queue" /> : null}
      {items && items.length === 0 ? (
        <EmptyState title={props.status === 'open' ? 'No open alerts.' : 'No alerts match these filters.'}>
          <p>Alerts appear here when the detectors run over the money ledger and find a pattern that stands out.</p>
        </EmptyState>
      ) : null}
      {items && items.length > 0 ? (
        <>
          <h2 className="queue-count">{items.length >= ALERT_LIMIT ? `The ${ALERT_LIMIT} highest-scoring alerts` : plural(items.length, 'alert')}, highest score first</h2>
          <ol className="alert-list">
            {items.map((a) => (
              <li key={a.id}>
                <AlertCard alert={a} known={known} onReviewed={reviewed} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
