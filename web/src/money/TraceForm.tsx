// The trace's parameters: start, direction, model, hop limit and smallest amount followed. Submitting changes the hash, which runs the trace.
import { useState, type FormEvent } from 'react';
import { navigate } from '../router.ts';
import { DEFAULT_MAX_HOPS, DIRECTIONS, MODELS } from './trace-params.ts';
import type { TraceDirection, TraceModel, TraceRequest } from './types.ts';

const MODEL_WORDS: Record<TraceModel, string> = {
  fifo: 'FIFO (first in, first out)',
  haircut: 'Haircut (proportional share)',
  poison: 'Poison (every touched transfer)',
};

export function TraceForm(props: { initial: TraceRequest | null }) {
  const i = props.initial;
  const [from, setFrom] = useState(i?.from ?? '');
  const [direction, setDirection] = useState<TraceDirection>(i?.direction ?? 'forward');
  const [model, setModel] = useState<TraceModel>(i?.model ?? 'fifo');
  const [maxHops, setMaxHops] = useState(String(i?.maxHops ?? DEFAULT_MAX_HOPS));
  const [minAmount, setMinAmount] = useState(i?.minAmount ?? '');

  function submit(ev: FormEvent): void {
    ev.preventDefault();
    if (!from.trim()) return;
    const hops = Number(maxHops);
    navigate({ page: 'trace', trace: { from: from.trim(), direction, model, maxHops: Number.isInteger(hops) && hops > 0 ? hops : DEFAULT_MAX_HOPS, ...(minAmount.trim() ? { minAmount: minAmount.trim() } : {}) } });
  }

  return (
    <form className="trace-form" aria-label="Trace" onSubmit={submit}>
      <div className="field">
        <label htmlFor="trace-from">From (entity id of an account, wallet or payment)</label>
        <input id="trace-from" type="text" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="e.g. bank.acct-1" required />
      </div>
      <div className="field">
        <label htmlFor="trace-direction">Direction</label>
        <select id="trace-direction" value={direction} onChange={(e) => setDirection(e.target.value as TraceDirection)}>
          {DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {d === 'forward' ? 'Forward: where did it go?' : 'Backward: where did it come from?'}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="trace-model">Model</label>
        <select id="trace-model" value={model} onChange={(e) => setModel(e.target.value as TraceModel)}>
          {MODELS.map((m) => (
            <option key={m} value={m}>
              {MODEL_WORDS[m]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="trace-hops">Max hops</label>
        <input id="trace-hops" type="number" min={1} max={20} value={maxHops} onChange={(e) => setMaxHops(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="trace-min">Min amount</label>
        <input id="trace-min" type="text" inputMode="decimal" value={minAmount} onChange={(e) => setMinAmount(e.target.value)} placeholder="none" />
      </div>
      <button type="submit" className="button button-primary">
        Trace
      </button>
    </form>
  );
}
