// The import page: the upload form, then the job's progress and rejects (the job id is in the URL, so a reload keeps following it).
import { ImportForm } from '../import/ImportForm.tsx';
import { JobView } from '../import/JobView.tsx';
import { navigate } from '../router.ts';

export function ImportPage(props: { job?: string }) {
  return (
    <div className="import-page">
      <div className="page-head">
        <h1>Import</h1>
        {props.job ? (
          <button type="button" className="button" onClick={() => navigate({ page: 'import' })}>
            Import another file
          </button>
        ) : null}
      </div>
      {props.job ? <JobView key={props.job} jobId={props.job} /> : <ImportForm onStarted={(id) => navigate({ page: 'import', job: id })} />}
    </div>
  );
}
