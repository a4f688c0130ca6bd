// The legend: what node colours, shapes and sizes and link colours mean on the chart as it is now.
import { edgeColour, schemaLegend, type NodeShape } from './palette.ts';
import { useChartHandles, useChartSnapshot } from './useChart.ts';

function Shape(props: { shape: NodeShape; colour: string }) {
  const { shape, colour } = props;
  return (
    <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
      {shape === 'circle' && <circle r="6" fill={colour} />}
      {shape === 'square' && <rect x="-5.5" y="-5.5" width="11" height="11" fill={colour} />}
      {shape === 'diamond' && <polygon points="0,-6.5 6.5,0 0,6.5 -6.5,0" fill={colour} />}
      {shape === 'triangle' && <polygon points="0,-6.5 6,4.5 -6,4.5" fill={colour} />}
    </svg>
  );
}

/** Node colours (by schema or community), size measure range, link kinds. */
export function Legend() {
  const { controller } = useChartHandles();
  const snap = useChartSnapshot();
  if (snap.counts.entities + snap.counts.hiddenNodes === 0) return null;
  const schemata = new Set<string>();
  controller.model.graph.forEachNode((_, a) => schemata.add(a.schema));
  const cl = snap.colourLegend;
  return (
    <section className="chart-legend" aria-label="Legend">
      <h3>Legend</h3>
      <ul>
        {!cl &&
          schemaLegend(schemata).map((r) => (
            <li key={r.label}>
              <Shape shape={r.shape} colour={r.colour} /> {r.label}
            </li>
          ))}
        {cl && (
          <>
            <li className="muted">Colour: communities by {cl.algorithm} (shape: type)</li>
            {cl.rows.map((r) => (
              <li key={r.community}>
                <Shape shape="circle" colour={r.colour} /> community {r.community} · {r.size}
              </li>
            ))}
            {cl.others > 0 && (
              <li>
                <Shape shape="circle" colour="#8c8c8c" /> smaller communities · {cl.others}
              </li>
            )}
          </>
        )}
        {schemata.has('Group') && (
          <li>
            <Shape shape="square" colour="#3d3d3d" /> group (collapsed)
          </li>
        )}
        {snap.sizeLegend && (
          <li className="muted">
            Size: {snap.sizeLegend.algorithm}, {snap.sizeLegend.min.toPrecision(2)} (small) to {snap.sizeLegend.max.toPrecision(2)} (large)
          </li>
        )}
      </ul>
      <ul className="chart-legend-links">
        <li>
          <span className="line" style={{ background: edgeColour('interstitial') }} /> documented link (call, payment…)
        </li>
        <li>
          <span className="line" style={{ background: edgeColour('reference') }} /> reference
        </li>
        <li>
          <span className="line" style={{ background: edgeColour('shared-identifier') }} /> inferred: shared identifier
        </li>
      </ul>
    </section>
  );
}
