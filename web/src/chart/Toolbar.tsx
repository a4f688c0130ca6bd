// The chart's toolbar: add entities, layouts, colour and size measures, paths, save/open and export.
import { useEffect, useState, type RefObject } from 'react';
import { listAnalyses } from './chart-api.ts';
import { measureChoices } from './measures.ts';
import { SearchBox } from './SearchBox.tsx';
import type { AnalysisInfo } from './types.ts';
import { useChartHandles, useChartSnapshot } from './useChart.ts';

export interface ToolbarProps {
  searchRef: RefObject<HTMLInputElement | null>;
  onSave: () => void;
  onOpenList: () => void;
  onExport: (kind: 'png' | 'svg') => void;
  onPaths: () => void;
  onSaveMeasures: () => void;
}

/** The row of controls above the chart; every control has a visible label or an accessible name and a shortcut hint. */
export function Toolbar(props: ToolbarProps) {
  const { controller, actions } = useChartHandles();
  const snap = useChartSnapshot();
  const [analyses, setAnalyses] = useState<AnalysisInfo[] | null>(null);
  const [colour, setColour] = useState('');
  const [size, setSize] = useState('');

  useEffect(() => {
    listAnalyses().then(setAnalyses, () => setAnalyses([]));
  }, []);
  // A reopened chart brings its own measures.
  useEffect(() => setColour(snap.colourLegend?.algorithm ?? ''), [snap.colourLegend]);
  useEffect(() => setSize(snap.sizeLegend?.algorithm ?? ''), [snap.sizeLegend]);

  const choices = measureChoices(analyses ?? []);
  const empty = snap.counts.entities + snap.counts.hiddenNodes === 0;
  const layoutButton = (name: 'force' | 'circular' | 'hierarchical', label: string, key: string) => (
    <button
      type="button"
      aria-pressed={snap.layout === name}
      disabled={empty}
      onClick={() => controller.runLayout(name)}
      title={`${label} layout (${key})${name === 'hierarchical' ? ' — layers from the selection' : ''}`}
    >
      {name === 'force' && snap.layoutRunning && snap.layout === 'force' ? 'Stop layout' : label}
    </button>
  );
  return (
    <div className="chart-toolbar" role="toolbar" aria-label="Link chart tools">
      <SearchBox inputRef={props.searchRef} />
      <div className="chart-tool-group" role="group" aria-label="Layout">
        {layoutButton('force', 'Force', 'l')}
        {layoutButton('circular', 'Circular', 'c')}
        {layoutButton('hierarchical', 'Hierarchical', 't')}
        <button type="button" onClick={() => controller.fit()} disabled={empty} title="Fit to screen (f)">
          Fit
        </button>
      </div>
      <div className="chart-tool-group" role="group" aria-label="Measures">
        <label>
          Colour
          <select
            value={colour}
            disabled={empty || analyses === null}
            onChange={(e) => {
              setColour(e.target.value);
              void actions.colourBy(e.target.value || null);
            }}
          >
            <option value="">by type</option>
            {choices.colour.map((a) => (
              <option key={a.name} value={a.name} title={a.description}>
                by {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Size
          <select
            value={size}
            disabled={empty || analyses === null}
            onChange={(e) => {
              setSize(e.target.value);
              void actions.sizeBy(e.target.value || null);
            }}
          >
            <option value="">even</option>
            {choices.size.map((a) => (
              <option key={a.name} value={a.name} title={a.description}>
                by {a.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={props.onSaveMeasures} disabled={!snap.colourLegend && !snap.sizeLegend} title="Save the colour and size measures on the entities, with the algorithm as their source">
          Save measures…
        </button>
      </div>
      <div className="chart-tool-group" role="group" aria-label="Analysis">
        <button type="button" onClick={props.onPaths} disabled={snap.selection.length !== 2} title="Find paths between the two selected entities (r)">
          Find paths
        </button>
      </div>
      <div className="chart-tool-group chart-tool-end" role="group" aria-label="Chart file">
        <button type="button" onClick={props.onSave} disabled={empty} title="Save the chart (Ctrl+S)">
          Save{snap.chart.dirty && !empty ? ' •' : ''}
        </button>
        <button type="button" onClick={props.onOpenList} title="Open a saved chart">
          Open…
        </button>
        <button type="button" onClick={() => props.onExport('png')} disabled={empty} title="Download the chart as a PNG image">
          PNG
        </button>
        <button type="button" onClick={() => props.onExport('svg')} disabled={empty} title="Download the chart as an SVG drawing">
          SVG
        </button>
        <button type="button" onClick={() => controller.set({ help: !snap.help })} aria-expanded={snap.help} title="Keyboard shortcuts (?)">
          ?
        </button>
      </div>
    </div>
  );
}
