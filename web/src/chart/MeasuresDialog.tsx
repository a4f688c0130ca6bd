// Saving the chart's measures on the entities: which values will be written, and the compartment they go into.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { DialogButtons } from './DialogButtons.tsx';

const COMPARTMENT_PATTERN = '[a-z0-9][a-z0-9._\\-]{0,63}';

/** A modal dialog: the measures to save, a compartment (empty: none), Save / Cancel. */
export function MeasuresDialog(props: { colour: string | null; size: string | null; onSave: (compartment: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [compartment, setCompartment] = useState('');
  const [mine, setMine] = useState<string[]>([]);

  useEffect(() => {
    ref.current?.showModal();
    api<{ user: { compartments: '*' | string[] } }>('GET', '/auth/me').then(
      (r) => {
        const list = Array.isArray(r.user.compartments) ? r.user.compartments : [];
        setMine(list);
        if (list.length === 1) setCompartment(list[0]);
      },
      () => setMine([]),
    );
  }, []);

  return (
    <dialog ref={ref} className="chart-dialog" aria-labelledby="chart-measures-title" onClose={props.onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSave(compartment.trim());
          ref.current?.close();
        }}
      >
        <h2 id="chart-measures-title">Save measures on the entities</h2>
        <ul>
          {props.colour && <li>community of each entity by {props.colour} (property “communityId”)</li>}
          {props.size && <li>score of each entity by {props.size} (property “score”)</li>}
        </ul>
        <p className="muted">
          Each value is kept as a statement on its entity whose source names the algorithm and its parameters, graded X4 (computed, not reported). Nothing is overwritten: a
          later run adds its values beside these.
        </p>
        <label>
          Compartment
          <input list="chart-measure-compartments" value={compartment} onChange={(e) => setCompartment(e.target.value)} pattern={COMPARTMENT_PATTERN} placeholder="none" />
        </label>
        <datalist id="chart-measure-compartments">
          {mine.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <DialogButtons dialog={ref} submit="Save" />
      </form>
    </dialog>
  );
}
