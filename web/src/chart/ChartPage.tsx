// The link chart page (#/chart, #/chart/<id>, #/chart?add=<id>,<id>&links=<transfer ids>, #/chart?alert=<id>): toolbar, WebGL chart, side panels, timeline, status.
import { useEffect, useRef, useState } from 'react';
import { AlertEvidence } from '../alerts/AlertEvidence.tsx';
import { drawTransfers } from '../alerts/transfer-links.ts';
import { ChartActions } from './actions.ts';
import './chart.css';
import { ContextMenu } from './ContextMenu.tsx';
import { ChartController } from './controller.ts';
import { DetailsPanel } from './DetailsPanel.tsx';
import { exportPng, exportSvg } from './export.ts';
import { describeError } from './errors.ts';
import { HelpOverlay } from './HelpOverlay.tsx';
import { actionFor, isTyping, type ChartAction } from './keyboard.ts';
import { Legend } from './Legend.tsx';
import { PathsPanel, type PathOptions } from './PathsPanel.tsx';
import { SavedCharts } from './SavedCharts.tsx';
import { MeasuresDialog } from './MeasuresDialog.tsx';
import { SaveDialog } from './SaveDialog.tsx';
import { Timeline } from './Timeline.tsx';
import { Toolbar } from './Toolbar.tsx';
import { ChartContext, useChartHandles, useChartSnapshot, type ChartHandles } from './useChart.ts';

declare global {
  interface Window {
    /** Test and benchmark hook: the live chart (graph order/size, controller, actions). */
    __corvidChart?: ChartHandles & { order: number; size: number; counts: () => ReturnType<ChartController['model']['counts']> };
  }
}

/** The link chart: `chartId` opens a saved chart, `addEntityIds` adds entities (`linkIds`: transfers drawn between them), `alertId` an alert's evidence. */
export function ChartPage(props: { chartId?: string; addEntityIds?: string[]; linkIds?: string[]; alertId?: string }) {
  const [handles] = useState<ChartHandles>(() => {
    const controller = new ChartController();
    return { controller, actions: new ChartActions(controller) };
  });
  return (
    <ChartContext.Provider value={handles}>
      <ChartView {...props} />
    </ChartContext.Provider>
  );
}

function ChartView(props: { chartId?: string; addEntityIds?: string[]; linkIds?: string[]; alertId?: string }) {
  const { controller, actions } = useChartHandles();
  const snap = useChartSnapshot();
  const stage = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [saving, setSaving] = useState(false);
  const [listOpen, setListOpen] = useState(false);
  const [savingMeasures, setSavingMeasures] = useState(false);
  const [pathOptions, setPathOptions] = useState<PathOptions>({ mode: 'shortest', maxHops: 4 });

  useEffect(() => {
    const detach = controller.attach(stage.current!, { onExpand: (id) => void actions.expand(id) });
    const g = controller.model.graph;
    window.__corvidChart = {
      controller,
      actions,
      get order() {
        return g.order;
      },
      get size() {
        return g.size;
      },
      counts: () => controller.model.counts(),
    };
    return () => {
      detach();
      delete window.__corvidChart;
    };
  }, [controller, actions]);

  // Open the saved chart first, then add the requested entities to it.
  const addKey = props.addEntityIds?.join(',') ?? '';
  const linkKey = props.linkIds?.join(',') ?? '';
  useEffect(() => {
    void (async () => {
      if (props.chartId && props.chartId !== controller.view.chart.id) await actions.open(props.chartId);
      if (addKey) await actions.addEntities(addKey.split(','));
      if (linkKey) await drawTransfers(controller, linkKey.split(','));
    })();
  }, [props.chartId, addKey, linkKey, controller, actions]);

  function findPaths(): void {
    const sel = controller.selection().filter((id) => controller.model.entities.has(id) || controller.model.isGroup(id));
    if (sel.length !== 2) {
      controller.set({ notice: 'Select exactly two entities to find paths between them (shift-click the second one).' });
      return;
    }
    void actions.findPaths(sel[0], sel[1], pathOptions.mode, pathOptions.maxHops);
  }

  function save(): void {
    const c = controller.view.chart;
    if (c.id && c.name) void actions.save(c.name, c.caseName);
    else setSaving(true);
  }

  function exportAs(kind: 'png' | 'svg'): void {
    const sigma = controller.sigma;
    if (!sigma) return;
    const base = (controller.view.chart.name || 'link-chart').replace(/[^\p{L}\p{N}_-]+/gu, '-');
    try {
      if (kind === 'png') exportPng(sigma, `${base}.png`).catch((err: unknown) => controller.set({ error: describeError(err, 'Exporting the image') }));
      else exportSvg(sigma, controller.model, controller.selectedSet(), `${base}.svg`, controller.view.chart.name || 'Link chart');
    } catch (err) {
      controller.set({ error: describeError(err, 'Exporting the chart') });
    }
  }

  // Keyboard shortcuts: one handler on the document while the chart page is open.
  const run = useRef<(a: ChartAction) => void>(() => undefined);
  run.current = (a: ChartAction) => {
    const m = controller.model;
    const sel = controller.selection();
    switch (a) {
      case 'hide':
        if (sel.length) m.setHidden(sel, true);
        return;
      case 'showAll':
        return m.showAll();
      case 'remove':
        if (sel.length) m.remove(sel);
        return;
      case 'pin':
        if (sel.length) m.setPinned(sel);
        return;
      case 'group': {
        const id = m.group(sel);
        if (id) controller.select([id], 'replace');
        else controller.set({ notice: 'Select two or more entities to group them.' });
        return;
      }
      case 'ungroup': {
        const members = sel.filter((id) => m.isGroup(id)).flatMap((id) => m.ungroup(id));
        controller.select(members, 'replace');
        return;
      }
      case 'expand':
        void actions.expandSelection();
        return;
      case 'layout':
        return controller.runLayout('force');
      case 'circular':
        return controller.runLayout('circular');
      case 'hierarchical':
        return controller.runLayout('hierarchical');
      case 'fit':
        return controller.fit();
      case 'search':
        searchRef.current?.focus();
        return;
      case 'save':
        if (m.graph.order > 0) save();
        return;
      case 'clear':
        controller.clearSelection();
        controller.set({ menu: null, focusEdge: null, error: null });
        return;
      case 'selectAll':
        return controller.selectAll();
      case 'neighbours':
        return controller.selectNeighbours();
      case 'paths':
        return findPaths();
      case 'help':
        controller.set({ help: !controller.view.help });
        return;
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const action = actionFor(e);
      if (!action || (isTyping(e.target) && action !== 'save')) return;
      e.preventDefault();
      run.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const c = snap.counts;
  const empty = c.entities + c.hiddenNodes === 0;
  return (
    <section className="chart-page" aria-label="Link chart">
      <h1 className="visually-hidden">Link chart{snap.chart.name ? `: ${snap.chart.name}` : ''}</h1>
      <Toolbar searchRef={searchRef} onSave={save} onOpenList={() => setListOpen((o) => !o)} onExport={exportAs} onPaths={findPaths} onSaveMeasures={() => setSavingMeasures(true)} />
      {snap.error && (
        <div className="chart-error" role="alert">
          <p>
            <strong>{snap.error.message}</strong> {snap.error.hint}
          </p>
          {snap.error.retry && (
            <button type="button" onClick={snap.error.retry}>
              Retry
            </button>
          )}
          <button type="button" onClick={() => controller.set({ error: null })}>
            Dismiss
          </button>
        </div>
      )}
      {props.alertId && <AlertEvidence id={props.alertId} />}
      <div className="chart-body">
        <div className="chart-stage-wrap">
          <div ref={stage} className="chart-stage" tabIndex={0} aria-label="Chart canvas: use the keyboard shortcuts (press ? for the list)" />
          {empty && !snap.busy && (
            <div className="chart-empty">
              <p>Search for an entity or open one from its page to start.</p>
              <p>
                <button type="button" onClick={() => searchRef.current?.focus()}>
                  Search (/)
                </button>{' '}
                <button type="button" onClick={() => setListOpen(true)}>
                  Open a saved chart
                </button>
              </p>
            </div>
          )}
          <ContextMenu onClose={() => controller.set({ menu: null })} />
        </div>
        <aside className="chart-side" aria-label="Chart panels">
          {listOpen && <SavedCharts currentId={snap.chart.id} onClose={() => setListOpen(false)} />}
          <DetailsPanel />
          <PathsPanel options={pathOptions} onOptions={setPathOptions} onFind={findPaths} />
          <Legend />
        </aside>
      </div>
      <Timeline />
      <div className="chart-statusbar">
        <p className="chart-status" role="status" aria-live="polite">
          {c.entities} {c.entities === 1 ? 'entity' : 'entities'} · {c.links} {c.links === 1 ? 'link' : 'links'}
          {c.hiddenNodes ? ` · ${c.hiddenNodes} hidden` : ''}
          {c.groups ? ` · ${c.groups} group${c.groups === 1 ? '' : 's'}` : ''}
          {snap.selection.length ? ` · ${snap.selection.length} selected` : ''}
          {snap.chart.name ? ` · “${snap.chart.name}” (${snap.chart.caseName ? `case ${snap.chart.caseName}` : 'personal'})${snap.chart.dirty ? ', unsaved changes' : ''}` : ''}
        </p>
        {snap.busy && (
          <p className="chart-busy" aria-live="polite">
            {snap.busy}
          </p>
        )}
        {snap.notice && (
          <p className="chart-notice" aria-live="polite">
            {snap.notice}{' '}
            <button type="button" className="linklike" onClick={() => controller.set({ notice: null })} aria-label="Dismiss notice">
              ×
            </button>
          </p>
        )}
        {c.hiddenNodes > 0 && (
          <button type="button" className="linklike" onClick={() => controller.model.showAll()}>
            Show hidden (Shift+H)
          </button>
        )}
      </div>
      {saving && <SaveDialog name={snap.chart.name} caseName={snap.chart.caseName} onSave={(n, cs) => void actions.save(n, cs).then((id) => id && (location.hash = `#/chart/${encodeURIComponent(id)}`))} onClose={() => setSaving(false)} />}
      {savingMeasures && (
        <MeasuresDialog {...actions.measures()} onSave={(compartment) => void actions.saveMeasures(compartment)} onClose={() => setSavingMeasures(false)} />
      )}
      {snap.help && <HelpOverlay onClose={() => controller.set({ help: false })} />}
    </section>
  );
}
