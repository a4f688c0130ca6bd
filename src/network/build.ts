/**
 * Graph building, the pure part: entities in memory → a CorvidGraph. Entities become nodes; interstitial entities
 * (FtM edge schemata: Payment, Ownership, Family, …) become edges; entity-typed properties of the other entities
 * become reference edges; entities holding the same normalised identifier get a shared-identifier edge.
 * The store-reading loader (load.ts) streams entities into a GraphBuilder; tests and benchmarks feed it directly.
 */
import { ValidationError } from '../errors.ts';
import type { Model } from '../model/schema.ts';
import { assembleEntity, type Entity, type Statement } from '../model/statement.ts';
import { asCompiled, type CompiledFilter, type NetworkFilter } from './filter.ts';
import { identifiersOf, type IdentifierKind } from './identifiers.ts';
import { normalizePhone } from '../resolve/normalize/index.ts';
import { EdgeListSink, GraphologySink, type GraphSink, type LabelledEdgeList } from './sink.ts';
import type { CorvidGraph, EdgeAttributes } from './types.ts';

/** How an interstitial schema links its ends. */
export interface EdgeSpec {
  source: string;
  target: string;
  directed: boolean;
  label: string;
  /** Phone-number properties that stand for an end the record does not name (a call-detail record's A and B numbers). */
  sourceNumber?: string;
  targetNumber?: string;
  /** Entity properties that stand for an end the record does not name (a bank statement's accounts without their holders). */
  sourceAccount?: string;
  targetAccount?: string;
}

/**
 * Interstitial schemata the published FtM model (@alephdata/followthemoney) does not mark as edges but later FtM
 * versions and every analyst do: a call links caller and receiver.
 */
const EXTRA_EDGES: Readonly<Record<string, EdgeSpec>> = {
  Call: { source: 'caller', target: 'receiver', directed: true, label: 'called' },
};

/** Schemata whose records may give an end as a phone number only: operators' call-detail records. */
const NUMBER_ENDS: Readonly<Record<string, Pick<EdgeSpec, 'sourceNumber' | 'targetNumber'>>> = {
  Call: { sourceNumber: 'callerNumber', targetNumber: 'receiverNumber' },
};

/** Payments that name only the accounts (bank statements, AMLSim, camt.053) link the accounts. */
const ACCOUNT_ENDS: Readonly<Record<string, Pick<EdgeSpec, 'sourceAccount' | 'targetAccount'>>> = {
  Payment: { sourceAccount: 'payerAccount', targetAccount: 'beneficiaryAccount' },
};

const specs = new WeakMap<Model, Map<string, EdgeSpec | undefined>>();

/** The edge spec of a schema (its own or inherited FtM `edge`, or the supplement above), or undefined for node schemata. */
export function edgeSpec(model: Model, schema: string): EdgeSpec | undefined {
  let bySchema = specs.get(model);
  if (!bySchema) specs.set(model, (bySchema = new Map()));
  if (bySchema.has(schema)) return bySchema.get(schema);
  const s = model.schemata.get(schema);
  let spec: EdgeSpec | undefined;
  if (s) {
    const ancestors = [...s.ancestors];
    spec = s.edge ?? ancestors.map((a) => EXTRA_EDGES[a]).find((x) => x !== undefined);
    const numbers = ancestors.map((a) => NUMBER_ENDS[a]).find((x) => x !== undefined) ?? NUMBER_ENDS[schema];
    if (spec && numbers) spec = { ...spec, ...numbers };
    const accounts = ancestors.map((a) => ACCOUNT_ENDS[a]).find((x) => x !== undefined);
    if (spec && accounts) spec = { ...spec, ...accounts };
  }
  bySchema.set(schema, spec);
  return spec;
}

export interface BuildOptions {
  /** false (default): an undirected multigraph; true: a mixed one, FtM's directed links as directed edges. */
  directed?: boolean;
  /** Edge weight: 'count' (default) 1 per link, so parallel links add up; 'amount' the payment's amountEur or amount (1 when absent). */
  weight?: 'count' | 'amount';
  /** A value held by more entities than this is no link (a switchboard, a registered-agent address): reported in `skipped`. Default 50. */
  maxShared?: number;
  /** Build shared-identifier edges (default true). */
  sharedIdentifiers?: boolean;
  /** Edge filter (the statement part of a filter applies where statements are read: entitiesFromStatements, load.ts). */
  filter?: NetworkFilter | CompiledFilter;
  /** Only these entities become nodes; edges to others are dropped. Default: every non-interstitial entity added. */
  nodes?: ReadonlySet<string>;
}

/** A shared value left out because too many entities hold it. */
export interface SkippedIdentifier {
  kind: IdentifierKind;
  value: string;
  holders: number;
}

export interface BuildResult {
  graph: CorvidGraph;
  /** Over-shared values, most held first. */
  skipped: SkippedIdentifier[];
}

interface PendingEdge {
  key: string;
  from: string;
  to: string;
  directed: boolean;
  attrs: EdgeAttributes;
}

/** An interstitial record with an end given only as numbers, waiting for the numbers' holders to be known. */
interface NumberedEdge {
  id: string;
  /** Per end: entity ids, or phone numbers (E.164) to look up. */
  from: { ids: string[]; phones: string[] };
  to: { ids: string[]; phones: string[] };
  directed: boolean;
  attrs: EdgeAttributes;
}

interface Holder {
  id: string;
  prop: string;
  datasets: string[];
}

const DATE_START = ['startDate', 'date'];
const DATE_END = ['endDate', 'date'];

/** The earliest (or latest) of the values of these properties. */
function extreme(e: Entity, props: readonly string[], latest: boolean): string | undefined {
  let out: string | undefined;
  for (const p of props) for (const v of e.properties[p] ?? []) if (out === undefined || (latest ? v > out : v < out)) out = v;
  return out;
}

function amountOf(e: Entity): number {
  const v = Number(e.properties.amountEur?.[0] ?? e.properties.amount?.[0]);
  return Number.isFinite(v) && v > 0 ? v : 1;
}

/**
 * Collects entities, in whatever order, and builds the graph when finished. Edges wait until every node is known,
 * because an interstitial entity may arrive before its ends; only compact records are kept meanwhile.
 * @example
 * const b = new GraphBuilder(model, { filter: { from: '2021' } });
 * for (const e of entities) b.add(e);
 * const { graph, skipped } = b.finish();
 */
export class GraphBuilder {
  readonly #model: Model;
  readonly #filter: CompiledFilter;
  readonly #directed: boolean;
  readonly #byAmount: boolean;
  readonly #maxShared: number;
  readonly #shared: boolean;
  readonly #only: ReadonlySet<string> | undefined;
  readonly #sink: GraphSink;
  readonly #pending: PendingEdge[] = [];
  readonly #numbered: NumberedEdge[] = [];
  /** Normalised identifier `kind:value` → its holders, or their count once there are too many to link. */
  readonly #holders = new Map<string, Holder[] | number>();

  constructor(model: Model, options: BuildOptions = {}, sink?: GraphSink) {
    const max = options.maxShared ?? 50;
    if (!Number.isInteger(max) || max < 2) throw new ValidationError('CORVID_ERR_VALIDATION', 'maxShared must be an integer of at least 2', { maxShared: max });
    this.#model = model;
    this.#filter = asCompiled(options.filter);
    this.#directed = options.directed ?? false;
    this.#byAmount = options.weight === 'amount';
    this.#maxShared = max;
    this.#shared = options.sharedIdentifiers ?? true;
    this.#only = options.nodes;
    this.#sink = sink ?? new GraphologySink(this.#directed);
  }

  /** Adds one entity: a node, or (for an interstitial schema) the edges it makes. An id seen before is ignored. */
  add(e: Entity): void {
    const spec = edgeSpec(this.#model, e.schema);
    if (spec) return this.#addInterstitial(e, spec);
    if (this.#only && !this.#only.has(e.id)) return;
    if (this.#sink.hasNode(e.id)) return;
    this.#sink.addNode(e.id, { schema: e.schema, label: e.caption, datasets: e.datasets });
    const schema = this.#model.schemata.get(e.schema);
    for (const [prop, values] of Object.entries(e.properties)) {
      if (schema?.properties.get(prop)?.type !== 'entity') continue;
      for (const v of values) {
        this.#pend(`ref:${e.id}:${prop}:${v}`, e.id, v, true, {
          kind: 'reference',
          schema: prop,
          label: schema?.properties.get(prop)?.label ?? prop,
          source: e.id,
          weight: 1,
          datasets: e.datasets,
        });
      }
    }
    // Held identifiers are collected even without shared-identifier edges: call records find their ends through phones.
    this.#addIdentifiers(e);
  }

  #addInterstitial(e: Entity, spec: EdgeSpec): void {
    const endOf = (prop: string, account: string | undefined): string[] => {
      const named = e.properties[prop] ?? [];
      return named.length || !account ? named : (e.properties[account] ?? []);
    };
    const sources = endOf(spec.source, spec.sourceAccount);
    const targets = endOf(spec.target, spec.targetAccount);
    const start = extreme(e, DATE_START, false);
    const end = extreme(e, DATE_END, true);
    const base: EdgeAttributes = {
      kind: 'interstitial',
      schema: e.schema,
      label: spec.label,
      source: e.id,
      ...(start !== undefined ? { start } : {}),
      ...(end !== undefined ? { end } : {}),
      weight: this.#byAmount ? amountOf(e) : 1,
      datasets: e.datasets,
    };
    const phones = (prop: string | undefined, ids: string[]): string[] =>
      ids.length || !prop ? [] : (e.properties[prop] ?? []).map((v) => normalizePhone(v) ?? v);
    const fromPhones = phones(spec.sourceNumber, sources);
    const toPhones = phones(spec.targetNumber, targets);
    if (fromPhones.length || toPhones.length) {
      if (this.#filter.edge(base)) this.#numbered.push({ id: e.id, from: { ids: sources, phones: fromPhones }, to: { ids: targets, phones: toPhones }, directed: spec.directed, attrs: { ...base, via: 'phone' } });
      return;
    }
    this.#pendAll(e.id, sources, targets, spec.directed, base);
  }

  /** One edge per (source, target) pair; the record's id is the key when it links exactly one pair. */
  #pendAll(id: string, sources: readonly string[], targets: readonly string[], directed: boolean, attrs: EdgeAttributes): void {
    const single = sources.length === 1 && targets.length === 1;
    for (const s of sources) for (const t of targets) this.#pend(single ? id : `${id}~${s}~${t}`, s, t, directed, attrs);
  }

  /** The entities at one end: those named, else the holders of its numbers (none when a number is over-shared or unheld). */
  #endOf(end: { ids: string[]; phones: string[] }): string[] {
    if (end.ids.length) return end.ids;
    const out = new Set<string>();
    for (const p of end.phones) {
      const held = this.#holders.get(`phone:${p}`);
      if (Array.isArray(held)) for (const h of held) out.add(h.id);
    }
    return [...out];
  }

  #pend(key: string, from: string, to: string, directed: boolean, attrs: EdgeAttributes): void {
    if (this.#filter.edge(attrs)) this.#pending.push({ key, from, to, directed, attrs });
  }

  #addIdentifiers(e: Entity): void {
    for (const id of identifiersOf(this.#model, e)) {
      const key = `${id.kind}:${id.value}`;
      const held = this.#holders.get(key);
      if (typeof held === 'number') this.#holders.set(key, held + 1);
      else if (held === undefined) this.#holders.set(key, [{ id: e.id, prop: id.prop, datasets: e.datasets }]);
      else if (held.length >= this.#maxShared) this.#holders.set(key, held.length + 1);
      else held.push({ id: e.id, prop: id.prop, datasets: e.datasets });
    }
  }

  /** Adds the edges whose ends are both nodes, and the shared-identifier edges; returns the graph and the over-shared values. */
  finish(): BuildResult {
    if (!(this.#sink instanceof GraphologySink)) throw new TypeError('finish needs the graphology sink; use finishEdgeList');
    this.#finishEdges();
    return { graph: this.#sink.graph, skipped: this.#skipped };
  }

  #skipped: SkippedIdentifier[] = [];

  /** Adds every pending and shared-identifier edge to the sink and collects the over-shared values. */
  #finishEdges(): void {
    for (const n of this.#numbered) this.#pendAll(n.id, this.#endOf(n.from), this.#endOf(n.to), n.directed, n.attrs);
    this.#numbered.length = 0;
    for (const p of this.#pending) this.#addEdge(p);
    this.#pending.length = 0;
    const skipped: SkippedIdentifier[] = [];
    for (const [key, held] of this.#shared ? this.#holders : []) {
      const colon = key.indexOf(':');
      const kind = key.slice(0, colon) as IdentifierKind;
      const value = key.slice(colon + 1);
      if (typeof held === 'number') {
        skipped.push({ kind, value, holders: held });
        continue;
      }
      for (let i = 0; i < held.length; i++) {
        for (let j = i + 1; j < held.length; j++) {
          const [a, b] = (held[i] as Holder).id < (held[j] as Holder).id ? [held[i] as Holder, held[j] as Holder] : [held[j] as Holder, held[i] as Holder];
          const props = [...new Set([a.prop, b.prop])].sort().join('/');
          const attrs: EdgeAttributes = {
            kind: 'shared-identifier',
            schema: kind,
            label: `same ${kind}`,
            source: key,
            weight: 1,
            shared: { property: props, value },
            datasets: [...new Set([...a.datasets, ...b.datasets])].sort(),
          };
          if (this.#filter.edge(attrs)) this.#addEdge({ key: `shared:${key}:${a.id}|${b.id}`, from: a.id, to: b.id, directed: false, attrs });
        }
      }
    }
    this.#holders.clear();
    skipped.sort((x, y) => y.holders - x.holders || (x.value < y.value ? -1 : 1));
    this.#skipped = skipped;
  }

  /**
   * The network as an edge list (for whole-network analyses): the builder must have been given an EdgeListSink.
   * @example const b = new GraphBuilder(model, {}, new EdgeListSink()); …; const { edges } = b.finishEdgeList();
   */
  finishEdgeList(): { edges: LabelledEdgeList; skipped: SkippedIdentifier[] } {
    if (!(this.#sink instanceof EdgeListSink)) throw new TypeError('finishEdgeList needs an EdgeListSink');
    this.#finishEdges();
    return { edges: this.#sink.finish(), skipped: this.#skipped };
  }

  #addEdge(p: PendingEdge): void {
    const g = this.#sink;
    if (!g.hasNode(p.from) || !g.hasNode(p.to) || g.hasEdge(p.key)) return;
    g.addEdge(p.key, p.from, p.to, this.#directed && p.directed, p.attrs);
  }
}

/**
 * Builds a graph from entities held in memory.
 * @example const { graph } = buildGraph(loadModel(), entities, { filter: { kinds: ['interstitial'] } });
 */
export function buildGraph(model: Model, entities: Iterable<Entity>, options: BuildOptions = {}): BuildResult {
  const b = new GraphBuilder(model, options);
  for (const e of entities) b.add(e);
  return b.finish();
}

/**
 * Entities assembled from statements (in whatever order) after the filter's statement part (datasets, grading, handling):
 * an entity none of whose statements pass is absent, a property whose values all fail is empty.
 */
export function entitiesFromStatements(model: Model, statements: Iterable<Statement>, filter: NetworkFilter | CompiledFilter = {}): Entity[] {
  const f = asCompiled(filter);
  const byId = new Map<string, Statement[]>();
  for (const s of statements) {
    if (!f.statement(s)) continue;
    const list = byId.get(s.entityId);
    if (list) list.push(s);
    else byId.set(s.entityId, [s]);
  }
  return [...byId.values()].map((list) => assembleEntity(model, inFirstSeenOrder(list)));
}

/** An entity's statements earliest first (stable), so its caption is the earliest-seen name, as the store assembles it. */
export function inFirstSeenOrder(list: Statement[]): Statement[] {
  return list.sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : 0));
}
