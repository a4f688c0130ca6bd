// The chart dialogs' closing row: Cancel closes the dialog, the primary button submits its form.
import type { RefObject } from 'react';

/** Cancel and a submit button, for a form inside a native <dialog>. */
export function DialogButtons(props: { dialog: RefObject<HTMLDialogElement | null>; submit: string }) {
  return (
    <div className="chart-dialog-buttons">
      <button type="button" onClick={() => props.dialog.current?.close()}>
        Cancel
      </button>
      <button type="submit" className="primary">
        {props.submit}
      </button>
    </div>
  );
}
