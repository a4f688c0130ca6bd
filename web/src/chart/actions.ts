/**
 * What the chart asks the server for: adding and expanding entities, paths, measures, saving and
 * opening. Each action shows a busy message, and on failure an error that says what to do.
 */
import * as chartApi from './chart-api.ts';
import type { ChartController } from './controller.ts';
import { describeError } from './errors.ts';
import { linkTypes, viewOfType, type LinkType } from './link-types.ts';
import { applyCommunities, applyScores, clearColours, clearSizes, communitiesOf, scoresOf } from './measures.ts';
import { chartState, parseState, restoreState } from './state.ts';
import type { EntityRecord, NetworkView } from './types.ts';

/** Up to this many entities on the chart, adding entities also fetches the links between them and the rest. */
const CONNECT_LIMIT = 2000;

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export class ChartActions {
  private readonly previews = new Map<string, NetworkView>();
  private colour: { name: string; communities: Record<string, number>; params: Record<string, unknown> } | null = null;
  private size: { name: string; scores: Record<string, number>; params: Record<string, unknown> } | null = null;

  constructor(private readonly c: ChartController) {
    // Grouping and ungrouping rebuild nodes: put the measure's colours and sizes back on them.
    c.model.onChange(() => this.reapply());
  }

  /** Runs `fn` with a busy message; failures become the chart's error (with a retry). */
  async run<T>(doing: string, fn: () => Promise<T>): Promise<T | undefined> {
    this.c.set({ busy: `${doing}…`, error: null });
    try {
      return await fn();
    } catch (err) {
      this.c.set({ error: { ...describeError(err, doing), retry: () => void this.run(doing, fn) } });
      return undefined;
    } finally {
      this.c.set({ busy: null });
    }
  }

  private add(view: NetworkView, near?: string): { nodes: string[]; edges: string[] } {
    const wasEmpty = this.c.model.graph.order === 0;
    const added = this.c.model.addView(view, near ? { near } : {});
    if (wasEmpty && this.c.model.graph.order > 1) this.c.runLayout('force');
    return added;
  }

  /** Adds entities by id with the links among them and to what is already on the chart. */
  addEntities(ids: string[]): Promise<unknown> {
    return this.run('Adding entities', async () => {
      const m = this.c.model;
      const all = [...new Set([...ids, ...(m.entities.size + ids.length <= CONNECT_LIMIT ? m.entityIds() : [])])];
      const view = await chartApi.subgraph(all);
      const added = this.add(view);
      const missing = ids.filter((id) => !m.entities.has(id));
      this.c.select(
        ids.map((id) => m.rep(id)),
        'replace',
      );
      this.c.set({ notice: missing.length ? `${missing.length} of the requested entities could not be found or are not visible to you.` : added.nodes.length ? null : 'Already on the chart.' });
    });
  }

  /** Adds one search hit at once, then fetches its links to the chart. */
  addSearchHit(e: EntityRecord): Promise<unknown> {
    const m = this.c.model;
    if (!m.entities.has(e.id)) this.add({ nodes: [{ id: e.id, schema: e.schema, label: e.caption, datasets: e.datasets }], edges: [] });
    this.c.select([m.rep(e.id)], 'replace');
    if (m.entities.size <= 1 || m.entities.size > CONNECT_LIMIT) return Promise.resolve();
    return this.run(`Linking ${e.caption}`, async () => this.add(await chartApi.subgraph(m.entityIds())));
  }

  /** The entity's neighbourhood (cached while the chart is open), for the link-type list. */
  async preview(id: string): Promise<NetworkView> {
    const cached = this.previews.get(id);
    if (cached) return cached;
    const view = await chartApi.expand(id, { limit: 500 });
    this.previews.set(id, view);
    return view;
  }

  /** Link types at an entity with counts; for a group, at each of its members. */
  async linkTypes(id: string): Promise<LinkType[]> {
    const m = this.c.model;
    const onChart = new Set(m.entityIds());
    const members = m.isGroup(id) ? m.groupMembers(id) : [id];
    const lists = await Promise.all(members.map(async (x) => linkTypes(await this.preview(x), x, onChart)));
    const merged = new Map<string, LinkType>();
    for (const t of lists.flat()) {
      const k = `${t.kind}\u0000${t.schema}`;
      const prev = merged.get(k);
      merged.set(k, prev ? { ...prev, links: prev.links + t.links, fresh: prev.fresh + t.fresh } : t);
    }
    return [...merged.values()].sort((a, b) => b.links - a.links);
  }

  /** Expands an entity (or a group's members): all link types, or one. */
  expand(id: string, type?: { kind: string; schema: string }): Promise<unknown> {
    const m = this.c.model;
    const label = m.graph.hasNode(id) ? m.graph.getNodeAttribute(id, 'label') : id;
    return this.run(`Expanding ${label}`, async () => {
      const members = m.isGroup(id) ? m.groupMembers(id) : [id];
      let truncated = false;
      let fresh = 0;
      for (const x of members) {
        let view = await this.preview(x);
        if (type) view = view.truncated ? await chartApi.expand(x, { kinds: [type.kind], schemata: [type.schema], limit: 500 }) : viewOfType(view, x, type.kind, type.schema);
        truncated ||= view.truncated === true;
        fresh += this.add(view, x).nodes.length;
      }
      this.c.set({
        menu: null,
        notice: truncated ? 'Only part of the neighbourhood was added (too many links). Expand by link type to see the rest.' : fresh === 0 ? 'No new neighbours: everything linked is already on the chart.' : null,
      });
    });
  }

  /** Expands every selected node. */
  async expandSelection(): Promise<void> {
    for (const id of this.c.selection()) await this.expand(id);
  }

  /** Finds paths between two entities, adds their nodes and links, and highlights them. */
  findPaths(from: string, to: string, mode: 'shortest' | 'all', maxHops: number): Promise<unknown> {
    const m = this.c.model;
    if (m.isGroup(from) || m.isGroup(to)) {
      this.c.set({ error: { message: 'Paths run between entities, not groups.', hint: 'Ungroup first (u), then select the two entities.' } });
      return Promise.resolve();
    }
    return this.run('Finding paths', async () => {
      const answer = await chartApi.findPaths({ from, to, maxHops, mode, limit: 50 });
      this.c.model.addView(answer.view);
      this.c.showPaths({ from, to, paths: answer.paths, truncated: answer.truncated, active: null });
      if (answer.paths.length === 0) this.c.set({ notice: `No path within ${maxHops} hops. Try a higher hop limit.` });
    });
  }

  /** Colours nodes by a community analysis, or by schema with `null`. */
  colourBy(name: string | null): Promise<unknown> {
    if (!name) {
      this.colour = null;
      clearColours(this.c.model);
      this.c.set({ colourLegend: null });
      return Promise.resolve();
    }
    return this.run(`Computing ${name}`, async () => {
      const answer = await chartApi.analyze(name, this.c.model.entityIds());
      const communities = communitiesOf(answer.result);
      if (!communities) throw new Error(`${name} did not answer with communities.`);
      this.colour = { name, communities, params: answer.params };
      this.c.set({ colourLegend: applyCommunities(this.c.model, name, communities) });
    });
  }

  /** Sizes nodes by a score analysis, or evenly with `null`. */
  sizeBy(name: string | null): Promise<unknown> {
    if (!name) {
      this.size = null;
      clearSizes(this.c.model);
      this.c.set({ sizeLegend: null });
      return Promise.resolve();
    }
    return this.run(`Computing ${name}`, async () => {
      const answer = await chartApi.analyze(name, this.c.model.entityIds());
      const scores = scoresOf(answer.result);
      if (!scores) throw new Error(`${name} did not answer with scores.`);
      this.size = { name, scores, params: answer.params };
      this.c.set({ sizeLegend: applyScores(this.c.model, name, scores) });
    });
  }

  private reapplying = false;
  private reapply(): void {
    if (this.reapplying) return;
    this.reapplying = true;
    if (this.colour) applyCommunities(this.c.model, this.colour.name, this.colour.communities);
    if (this.size) applyScores(this.c.model, this.size.name, this.size.scores);
    this.reapplying = false;
  }

  /** Which computed measures could be saved on the entities now. */
  measures(): { colour: string | null; size: string | null } {
    return { colour: this.colour?.name ?? null, size: this.size?.name ?? null };
  }

  /**
   * Saves the chart's measures (community ids of the colour, scores of the size) on the entities as statements
   * computed by the analysis with its parameters (POST /network/annotations), in `compartment` ('' for none).
   */
  saveMeasures(compartment: string): Promise<unknown> {
    return this.run('Saving the measures on the entities', async () => {
      const done: string[] = [];
      for (const [m, property] of [
        [this.colour && { name: this.colour.name, params: this.colour.params, result: this.colour.communities }, 'communityId'],
        [this.size && { name: this.size.name, params: this.size.params, result: this.size.scores }, 'score'],
      ] as const) {
        if (!m) continue;
        const r = await chartApi.annotate({ algorithm: m.name, params: m.params, result: m.result, property, compartment });
        done.push(`${m.name}: ${r.written} new value${r.written === 1 ? '' : 's'}${r.unchanged ? `, ${r.unchanged} already saved` : ''}`);
      }
      this.c.set({ notice: done.length ? `Saved on the entities — ${done.join('; ')}.` : 'Choose a colour or size measure first.' });
    });
  }

  /** Saves under the current id (or a new one) with PUT /charts/:id. */
  save(name: string, caseName: string): Promise<string | undefined> {
    return this.run('Saving the chart', async () => {
      const id = this.c.view.chart.id ?? newId();
      const camera = this.c.camera();
      const state = chartState(this.c.model, { layout: this.c.view.layout, colourBy: this.colour?.name ?? null, sizeBy: this.size?.name ?? null, ...(camera ? { camera } : {}) });
      const saved = await chartApi.putChart(id, { name, case: caseName, state });
      this.c.markSaved(saved.id ?? id, name, caseName);
      this.c.set({ notice: caseName ? `Saved “${name}” in case ${caseName}.` : `Saved “${name}” as a personal chart.` });
      return saved.id ?? id;
    });
  }

  /** Opens a saved chart: fetches its entities again (what the analyst may see now) and restores the view. */
  open(id: string): Promise<unknown> {
    return this.run('Opening the chart', async () => {
      const saved = await chartApi.getChart(id);
      const state = parseState(saved.state);
      this.c.layout.stop();
      this.c.showPaths(null);
      const view = state.nodes.length ? await chartApi.subgraph(state.nodes) : { nodes: [], edges: [] };
      this.colour = null;
      this.size = null;
      const report = restoreState(this.c.model, state, view);
      this.c.set({ layout: state.layout, colourLegend: null, sizeLegend: null });
      if (state.colourBy) await this.colourBy(state.colourBy);
      if (state.sizeBy) await this.sizeBy(state.sizeBy);
      if (state.camera) this.c.sigma?.getCamera().setState(state.camera);
      this.c.markSaved(saved.id, saved.name, saved.case);
      const lost = [report.missingEntities && `${report.missingEntities} entities`, report.missingLinks && `${report.missingLinks} links`].filter(Boolean).join(' and ');
      this.c.set({ notice: lost ? `${lost} of this chart are no longer available to you.` : null });
    });
  }
}
