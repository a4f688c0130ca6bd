// The node menu (right-click): expand by link type, pin, hide, group, remove, open the entity's page.
import { useEffect, useRef } from 'react';
import { LinkTypeList } from './LinkTypeList.tsx';
import { traceHref, TRACEABLE } from '../money/TraceLinks.tsx';
import { useChartHandles, useChartSnapshot } from './useChart.ts';

/** A menu at the pointer; Escape or a click elsewhere closes it, focus returns to the chart. */
export function ContextMenu(props: { onClose: () => void }) {
  const { controller } = useChartHandles();
  const snap = useChartSnapshot();
  const ref = useRef<HTMLDivElement>(null);
  const menu = snap.menu;

  useEffect(() => {
    if (!menu) return;
    const away = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) props.onClose();
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [menu, props]);

  if (!menu || !controller.model.graph.hasNode(menu.node)) return null;
  const m = controller.model;
  const a = m.graph.getNodeAttributes(menu.node);
  const selection = snap.selection;
  const act = (fn: () => void) => () => {
    fn();
    props.onClose();
  };
  return (
    <div
      ref={ref}
      className="chart-menu"
      role="dialog"
      aria-label={`Actions for ${a.label}`}
      style={{ left: menu.x, top: menu.y }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <p className="chart-menu-title">{a.label}</p>
      <LinkTypeList node={menu.node} autoFocus />
      <div className="chart-menu-actions">
        <button type="button" onClick={act(() => m.setPinned(selection))}>
          {a.fixed ? 'Unpin' : 'Pin'} <kbd>p</kbd>
        </button>
        <button type="button" onClick={act(() => m.setHidden(selection, true))}>
          Hide <kbd>h</kbd>
        </button>
        {selection.length > 1 && (
          <button type="button" onClick={act(() => m.group(selection))}>
            Group {selection.length} <kbd>g</kbd>
          </button>
        )}
        {a.kind === 'group' && (
          <button type="button" onClick={act(() => m.ungroup(menu.node))}>
            Ungroup <kbd>u</kbd>
          </button>
        )}
        <button type="button" onClick={act(() => controller.selectNeighbours())}>
          Select neighbours <kbd>n</kbd>
        </button>
        <button type="button" onClick={act(() => m.remove(selection))}>
          Remove from chart
        </button>
        {a.kind === 'entity' && (
          <a className="button" href={`#/entity/${encodeURIComponent(menu.node)}`}>
            Open entity page
          </a>
        )}
        {a.kind === 'entity' && TRACEABLE.has(a.schema) && (
          <>
            <a className="button" href={traceHref(menu.node, 'forward')}>
              Trace money forward
            </a>
            <a className="button" href={traceHref(menu.node, 'backward')}>
              Trace money backward
            </a>
          </>
        )}
      </div>
    </div>
  );
}
