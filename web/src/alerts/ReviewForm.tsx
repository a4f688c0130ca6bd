// The verdict on one alert: Confirm or Dismiss with a reason (and a grading for a confirmation), or Re-open a decided one.
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { describeError } from '../useApi.ts';
import { reviewAlert } from './alerts-api.ts';
import { DEFAULT_GRADING, errorField, FIELD_LABELS, GRADINGS } from './review-errors.ts';
import type { AlertStatus, AlertView } from './types.ts';

interface Refusal {
  field: string;
  text: string;
}

export function ReviewForm(props: { alert: AlertView; onReviewed: (updated: AlertView, verdict: AlertStatus) => void }) {
  const a = props.alert;
  const [reason, setReason] = useState('');
  const [grading, setGrading] = useState(DEFAULT_GRADING);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const ids = { reason: `reason-${a.id}`, grading: `grading-${a.id}`, error: `review-error-${a.id}` };

  async function decide(verdict: AlertStatus): Promise<void> {
    setBusy(true);
    setRefusal(null);
    try {
      const updated = await reviewAlert(a.id, { verdict, reason, ...(verdict === 'confirmed' ? { grading } : {}) });
      setReason('');
      props.onReviewed(updated, verdict);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const field = e instanceof ApiError && e.status === 400 ? errorField(e.details) : '';
      setRefusal({ field, text: e instanceof ApiError && e.status === 400 ? e.message : describeError(e) });
    } finally {
      setBusy(false);
    }
  }

  const invalid = (f: string) => (refusal?.field === f ? { 'aria-invalid': true, 'aria-describedby': ids.error } : {});
  const message = refusal ? (
    <p className="field-error" id={ids.error} role="alert">
      {refusal.field ? `${FIELD_LABELS[refusal.field] ?? refusal.field}: ` : ''}
      {refusal.text}
    </p>
  ) : null;

  if (a.status !== 'open') {
    return (
      <div className="alert-review" role="group" aria-label="Verdict">
        <div className="field">
          <label htmlFor={ids.reason}>Why re-open (optional)</label>
          <input id={ids.reason} type="text" value={reason} onChange={(e) => setReason(e.target.value)} {...invalid('reason')} />
        </div>
        <button type="button" className="button" disabled={busy} onClick={() => void decide('open')}>
          Re-open
        </button>
        {message}
      </div>
    );
  }
  return (
    <div className="alert-review" role="group" aria-label="Verdict">
      <div className="field">
        <label htmlFor={ids.reason}>Reason</label>
        <input id={ids.reason} type="text" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. matches the victim reports" {...invalid('reason')} />
      </div>
      <div className="field">
        <label htmlFor={ids.grading}>Grading if confirmed</label>
        <select id={ids.grading} value={grading} onChange={(e) => setGrading(e.target.value)} {...invalid('grading')}>
          {GRADINGS.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button-same" disabled={busy} onClick={() => void decide('confirmed')}>
        Confirm
      </button>
      <button type="button" className="button button-different" disabled={busy} onClick={() => void decide('dismissed')}>
        Dismiss
      </button>
      {message}
    </div>
  );
}
