// Saves the trace to a case as a link chart (POST /money/traces): the traced accounts and transfers, with the trace in the chart's state.
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { hrefOf } from '../router.ts';
import { describeError } from '../useApi.ts';
import type { TraceRequest } from './types.ts';

export function SaveTrace(props: { request: TraceRequest }) {
  const [name, setName] = useState('');
  const [caseName, setCaseName] = useState('');
  const [saved, setSaved] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function save(ev: FormEvent): Promise<void> {
    ev.preventDefault();
    setBusy(true);
    setError('');
    try {
      const { chart } = await api<{ chart: { id: string; name: string } }>('POST', '/money/traces', { ...props.request, name: name.trim(), case: caseName.trim() });
      setSaved(chart);
    } catch (err) {
      setError(describeError(err instanceof Error ? err : new Error(String(err))));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="trace-save" aria-label="Save the trace" onSubmit={(e) => void save(e)}>
      <div className="field">
        <label htmlFor="trace-save-name">Save as</label>
        <input id="trace-save-name" type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Victim 17 → exchange" required />
      </div>
      <div className="field">
        <label htmlFor="trace-save-case">Case (empty: personal)</label>
        <input id="trace-save-case" type="text" value={caseName} onChange={(e) => setCaseName(e.target.value)} />
      </div>
      <button type="submit" className="button" disabled={busy || !name.trim()}>
        Save trace
      </button>
      <p role="status" aria-live="polite">
        {saved ? (
          <>
            Saved as “{saved.name}”. <a href={hrefOf({ page: 'chart', chartId: saved.id, add: [] })}>Open the saved chart</a>
          </>
        ) : (
          error
        )}
      </p>
    </form>
  );
}
