// The `?` overlay: every keyboard shortcut and mouse gesture of the chart, from the same table the key handler uses.
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './keyboard.ts';

const GESTURES: [string, string][] = [
  ['Click', 'select an entity or a link'],
  ['Shift / Ctrl + click', 'add to or remove from the selection'],
  ['Shift + drag', 'select everything in a box'],
  ['Right-click', 'entity menu: expand by link type, pin, hide, group'],
  ['Double-click', 'expand an entity'],
  ['Drag an entity', 'move it'],
  ['Wheel / drag the background', 'zoom / pan'],
];

/** A modal list of shortcuts; Escape or `?` closes it. */
export function HelpOverlay(props: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => ref.current?.showModal(), []);
  return (
    <dialog ref={ref} className="chart-dialog chart-help" aria-labelledby="chart-help-title" onClose={props.onClose}>
      <h2 id="chart-help-title">Link chart: keys and gestures</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{k === ' ' ? 'Space' : k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
          {GESTURES.map(([g, d]) => (
            <tr key={g}>
              <td>{g}</td>
              <td>{d}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
