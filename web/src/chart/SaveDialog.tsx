// The save dialog: the chart's name and its case — a compartment whose members will see it, or none for a personal chart.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { listCharts } from './chart-api.ts';
import { DialogButtons } from './DialogButtons.tsx';

const CASE_PATTERN = '[a-z0-9][a-z0-9._\\-]{0,63}';

/** A modal dialog (native <dialog>, so focus is trapped and Escape closes it). */
export function SaveDialog(props: { name: string; caseName: string; onSave: (name: string, caseName: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(props.name);
  const [caseName, setCaseName] = useState(props.caseName);
  const [cases, setCases] = useState<string[]>([]);

  useEffect(() => {
    ref.current?.showModal();
    // Offer the caller's compartments and the cases of charts already saved.
    Promise.all([
      api<{ user: { compartments: '*' | string[] } }>('GET', '/auth/me').then(
        (r) => (Array.isArray(r.user.compartments) ? r.user.compartments : []),
        () => [],
      ),
      listCharts().then(
        (c) => c.map((x) => x.case),
        () => [],
      ),
    ]).then(([mine, saved]) => setCases([...new Set([...mine, ...saved])].filter(Boolean).sort()));
  }, []);

  return (
    <dialog ref={ref} className="chart-dialog" aria-labelledby="chart-save-title" onClose={props.onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          props.onSave(name.trim(), caseName.trim());
          ref.current?.close();
        }}
      >
        <h2 id="chart-save-title">Save chart</h2>
        <label>
          Name
          <input required autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        <label>
          Case
          <input list="chart-cases" value={caseName} onChange={(e) => setCaseName(e.target.value)} pattern={CASE_PATTERN} aria-describedby="chart-case-help" placeholder="personal" />
        </label>
        <datalist id="chart-cases">
          {cases.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <p id="chart-case-help" className="muted">
          The case is a compartment (lower-case letters, digits, . _ -): its members will see the chart. Leave it empty to keep the chart to yourself. Only entity ids and the view are
          saved; the chart shows current data each time it is opened.
        </p>
        <DialogButtons dialog={ref} submit="Save" />
      </form>
    </dialog>
  );
}
