// The link chart opened from an alert (#/chart?alert=<id>): adds its accounts and transfers, emphasises them, and names the alert in a banner.
import { useEffect, useState } from 'react';
import { useChartHandles } from '../chart/useChart.ts';
import { describeError } from '../useApi.ts';
import { getAlert } from './alerts-api.ts';
import { clearEmphasis, emphasiseEvidence } from './emphasis.ts';
import type { EvidenceItems } from './evidence.ts';
import { drawTransfers } from './transfer-links.ts';
import type { AlertView } from './types.ts';
import './alerts.css';

type Loaded = { alert: AlertView; items: EvidenceItems } | { error: string } | null;

export function AlertEvidence(props: { id: string }) {
  const { controller, actions } = useChartHandles();
  const [state, setState] = useState<Loaded>(null);
  const [emphasised, setEmphasised] = useState(true);

  useEffect(() => {
    const ac = new AbortController();
    setState(null);
    void (async () => {
      try {
        const alert = await getAlert(props.id, ac.signal);
        await actions.addEntities(alert.accounts);
        await drawTransfers(controller, alert.transfers);
        if (ac.signal.aborted) return;
        setState({ alert, items: emphasiseEvidence(controller, alert) });
        setEmphasised(true);
      } catch (err) {
        if (!ac.signal.aborted) setState({ error: describeError(err instanceof Error ? err : new Error(String(err))) });
      }
    })();
    return () => ac.abort();
  }, [props.id, controller, actions]);

  if (state === null) return <div className="alert-banner muted">Loading the alert’s evidence…</div>;
  if ('error' in state) {
    return (
      <div className="alert-banner alert-banner-error" role="alert">
        The alert could not be opened. {state.error}
      </div>
    );
  }
  const { alert, items } = state;
  const toggle = (): void => {
    if (emphasised) clearEmphasis(controller);
    else emphasiseEvidence(controller, alert);
    setEmphasised(!emphasised);
  };
  return (
    <section className="alert-banner" aria-label="Alert evidence">
      <p className="alert-banner-title">
        <strong>{alert.name}</strong> <span className="chip">{alert.typology}</span> <span className="alert-score">score {alert.score.toFixed(2)}</span> <span className="chip">{alert.status}</span>
      </p>
      <p className="alert-banner-text">{alert.explanation}</p>
      <p className="hint">
        Emphasised: {items.nodes.length} of {alert.accounts.length} accounts and {alert.transfers.length - items.missing.length} of {alert.transfers.length} evidence transfers.
        {items.missing.length > 0 ? ` ${items.missing.length} transfers are not on the chart (not visible to you, or an end is not on it).` : ''}{' '}
        <button type="button" className="linklike" onClick={toggle}>
          {emphasised ? 'Show the whole chart' : 'Emphasise the evidence'}
        </button>{' '}
        · <a href="#/alerts">Back to the alert queue</a>
      </p>
    </section>
  );
}

