// The upload form: file, format, mapping (from an example, editable), dataset, default country, grading and handling.
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { ErrorNotice } from '../components/States.tsx';
import type { Dataset } from '../types.ts';
import { useApi } from '../useApi.ts';
import { MAPPING_EXAMPLES } from './examples.ts';

const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const FORMATS: [string, string][] = [
  ['', 'Detect from the file'],
  ['csv', 'CSV with a mapping'],
  ['ftm', 'FollowTheMoney JSON (lines or array)'],
  ['stix', 'STIX 2 bundle'],
  ['misp', 'MISP event'],
];
const TLPS = ['', 'CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
const HANDLINGS = ['', 'H0', 'H1', 'H2', 'H3'];

/** Whether the mapping applies: CSV chosen, or detection on a file named .csv / .tsv. */
export function needsMapping(format: string, fileName: string | undefined): boolean {
  return format === 'csv' || (format === '' && /\.(csv|tsv)$/i.test(fileName ?? ''));
}

export function ImportForm(props: { onStarted: (jobId: string) => void }) {
  const datasets = useApi<{ datasets: Dataset[] }>('/datasets');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [dataset, setDataset] = useState('');
  const [country, setCountry] = useState('');
  const [example, setExample] = useState(MAPPING_EXAMPLES[0].id);
  const [mapping, setMapping] = useState(MAPPING_EXAMPLES[0].yaml);
  const [grading, setGrading] = useState('');
  const [tlp, setTlp] = useState('');
  const [handling, setHandling] = useState('');
  const [handlingNote, setHandlingNote] = useState('');
  const [force, setForce] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const mapped = needsMapping(format, file?.name);

  function chooseExample(id: string): void {
    setExample(id);
    const ex = MAPPING_EXAMPLES.find((e) => e.id === id);
    if (ex) setMapping(ex.yaml);
  }

  async function submit(ev: FormEvent): Promise<void> {
    ev.preventDefault();
    setError(null);
    const name = dataset.trim();
    if (!file) return setProblem('Choose a file to import.');
    if (!DATASET_NAME.test(name)) return setProblem('The dataset name may only hold lower-case letters, digits, - and _, and must start with a letter or digit.');
    if (mapped && !mapping.trim()) return setProblem('A CSV file needs a mapping: choose an example and adapt it to your columns.');
    if (country && !/^[A-Za-z]{2}$/.test(country.trim())) return setProblem('The default country is a two-letter code, such as NL or DE.');
    setProblem(null);
    // Text fields before the file: the server streams the file to disk as it arrives.
    const form = new FormData();
    form.append('dataset', name);
    if (format) form.append('format', format);
    if (mapped) form.append('mapping', mapping);
    if (country.trim()) form.append('defaultCountry', country.trim().toUpperCase());
    if (grading.trim()) form.append('grading', grading.trim());
    if (tlp) form.append('tlp', tlp);
    if (handling) form.append('handling', handling);
    if (handlingNote.trim()) form.append('handlingNote', handlingNote.trim());
    if (force) form.append('force', 'true');
    form.append('file', file, file.name);
    setBusy(true);
    try {
      const { job } = await api<{ job: { id: string; state: string } }>('POST', '/imports', form);
      props.onStarted(job.id);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
      setBusy(false);
    }
  }

  return (
    <form className="import-form" onSubmit={(ev) => void submit(ev)} noValidate>
      <div className="field">
        <label htmlFor="import-file">File</label>
        <input id="import-file" type="file" name="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-describedby="import-file-hint" />
        <span id="import-file-hint" className="hint">
          FollowTheMoney JSON, CSV (with a mapping), a STIX 2 bundle or a MISP event.
        </span>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="import-format">Format</label>
          <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMATS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-dataset">Dataset</label>
          <input
            id="import-dataset"
            value={dataset}
            onChange={(e) => setDataset(e.target.value)}
            list="dataset-names"
            placeholder="e.g. police-a"
            required
            aria-describedby="import-dataset-hint"
          />
          <datalist id="dataset-names">
            {(datasets.data?.datasets ?? []).map((d) => (
              <option key={d.name} value={d.name}>
                {d.title}
              </option>
            ))}
          </datalist>
          <span id="import-dataset-hint" className="hint">
            An existing dataset, or a new name (created on import).
          </span>
        </div>
        <div className="field field-narrow">
          <label htmlFor="import-country">Default country</label>
          <input id="import-country" value={country} onChange={(e) => setCountry(e.target.value)} maxLength={2} placeholder="NL" aria-describedby="import-country-hint" />
          <span id="import-country-hint" className="hint">
            For phone numbers without a country code.
          </span>
        </div>
      </div>

      {mapped ? (
        <fieldset className="mapping">
          <legend>Mapping</legend>
          <div className="field">
            <label htmlFor="import-example">Start from an example</label>
            <select id="import-example" value={example} onChange={(e) => chooseExample(e.target.value)}>
              {MAPPING_EXAMPLES.map((ex) => (
                <option key={ex.id} value={ex.id}>
                  {ex.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="import-mapping">Mapping YAML</label>
            <textarea
              id="import-mapping"
              value={mapping}
              onChange={(e) => setMapping(e.target.value)}
              rows={16}
              spellCheck={false}
              className="code"
              aria-describedby="import-mapping-hint"
            />
            <span id="import-mapping-hint" className="hint">
              FollowTheMoney mapping format (docs/mapping.md); the column names must match your file’s header.
            </span>
          </div>
        </fieldset>
      ) : null}

      <fieldset className="field-row">
        <legend>Grading and handling (optional; the dataset’s defaults otherwise)</legend>
        <div className="field field-narrow">
          <label htmlFor="import-grading">Grading</label>
          <input id="import-grading" value={grading} onChange={(e) => setGrading(e.target.value)} placeholder="B2" maxLength={8} />
        </div>
        <div className="field">
          <label htmlFor="import-tlp">TLP</label>
          <select id="import-tlp" value={tlp} onChange={(e) => setTlp(e.target.value)}>
            {TLPS.map((t) => (
              <option key={t} value={t}>
                {t || 'Dataset default'}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-handling">Handling code</label>
          <select id="import-handling" value={handling} onChange={(e) => setHandling(e.target.value)}>
            {HANDLINGS.map((h) => (
              <option key={h} value={h}>
                {h || 'Dataset default'}
              </option>
            ))}
          </select>
        </div>
        {handling === 'H3' ? (
          <div className="field">
            <label htmlFor="import-note">H3 restriction</label>
            <input id="import-note" value={handlingNote} onChange={(e) => setHandlingNote(e.target.value)} />
          </div>
        ) : null}
      </fieldset>

      <label className="check">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        <span>Import again (even if this file was imported before)</span>
      </label>

      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? <ErrorNotice title="The upload was refused." error={error} /> : null}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Uploading…' : 'Import'}
      </button>
    </form>
  );
}
