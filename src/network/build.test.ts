// Tests of the pure graph builder: a hand-made case file → the nodes and edges an analyst would draw by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../model/schema.ts';
import type { Statement } from '../model/statement.ts';
import { makeStatement as st } from '../store/conformance/fixture.ts';
import { runAnalysis, runOnEdgeList, takesEdgeList } from './analyses.ts';
import { buildGraph, entitiesFromStatements, GraphBuilder, type BuildOptions } from './build.ts';
import { EdgeListSink } from './sink.ts';
import type { NetworkFilter } from './filter.ts';
import { toView } from './view.ts';

const model = loadModel();
const ref = { isRef: true };

/**
 * Anna and Bert share a phone written two ways (+31 6 12345678 / 0031612345678); both paid Acme (2021, 2022); Carla
 * owns Acme since 2019; Anna and Bert are family (undated); a passport of Carla's carries number X1234567, which
 * Dirk's record gives as "x-123 4567"; one payment goes to an entity nobody holds.
 */
function caseFile(): Statement[] {
  return [
    st('ds.anna', 'Person', 'name', 'Anna'),
    st('ds.anna', 'Person', 'phone', '+31 6 12345678'),
    st('ds.bert', 'Person', 'name', 'Bert'),
    st('ds.bert', 'Person', 'phone', '0031612345678'),
    st('ds.carla', 'Person', 'name', 'Carla'),
    st('ds.carla', 'Person', 'phone', '+31 6 87654321'),
    st('ds.dirk', 'Person', 'name', 'Dirk'),
    st('ds.dirk', 'Person', 'passportNumber', 'x-123 4567'),
    st('ds.acme', 'Company', 'name', 'Acme'),
    st('ds.pay1', 'Payment', 'payer', 'ds.anna', ref),
    st('ds.pay1', 'Payment', 'beneficiary', 'ds.acme', ref),
    st('ds.pay1', 'Payment', 'date', '2021-03-05'),
    st('ds.pay1', 'Payment', 'amount', '1000'),
    st('ds.pay2', 'Payment', 'payer', 'ds.bert', ref),
    st('ds.pay2', 'Payment', 'beneficiary', 'ds.acme', { ...ref, grading: 'C3' }),
    st('ds.pay2', 'Payment', 'date', '2022-07-01'),
    st('ds.own1', 'Ownership', 'owner', 'ds.carla', ref),
    st('ds.own1', 'Ownership', 'asset', 'ds.acme', ref),
    st('ds.own1', 'Ownership', 'startDate', '2019-01-01'),
    st('ds.fam1', 'Family', 'person', 'ds.anna', ref),
    st('ds.fam1', 'Family', 'relative', 'ds.bert', ref),
    st('ds.pass1', 'Passport', 'holder', 'ds.carla', ref),
    st('ds.pass1', 'Passport', 'number', 'X1234567'),
    st('ds.pay3', 'Payment', 'payer', 'ds.anna', ref),
    st('ds.pay3', 'Payment', 'beneficiary', 'ds.ghost', ref),
  ];
}

function build(filter: NetworkFilter = {}, options: Omit<BuildOptions, 'filter'> = {}) {
  return buildGraph(model, entitiesFromStatements(model, caseFile(), filter), { ...options, filter });
}

/** Each edge as `kind schema from-to`, sorted: what a reader checks against the story above. */
function edges(filter: NetworkFilter = {}): string[] {
  const { graph } = build(filter);
  return graph.mapEdges((_k, a, s, t) => `${a.kind} ${a.schema} ${s}-${t}`).sort();
}

describe('buildGraph', () => {
  test('entities become nodes, interstitials edges, references and shared identifiers links', () => {
    const { graph, skipped } = build();
    assert.deepEqual(graph.nodes().sort(), ['ds.acme', 'ds.anna', 'ds.bert', 'ds.carla', 'ds.dirk', 'ds.pass1']);
    assert.deepEqual(graph.getNodeAttributes('ds.anna'), { schema: 'Person', label: 'Anna', datasets: ['ds'] });
    assert.deepEqual(edges(), [
      'interstitial Family ds.anna-ds.bert',
      'interstitial Ownership ds.carla-ds.acme',
      'interstitial Payment ds.anna-ds.acme',
      'interstitial Payment ds.bert-ds.acme',
      'reference holder ds.pass1-ds.carla',
      'shared-identifier id-number ds.dirk-ds.pass1',
      'shared-identifier phone ds.anna-ds.bert',
    ]);
    assert.deepEqual(skipped, []);
  });

  test('the phone written two ways is one shared-identifier edge carrying the E.164 value', () => {
    const { graph } = build();
    const shared = graph.filterEdges((_k, a) => a.kind === 'shared-identifier' && a.schema === 'phone');
    assert.equal(shared.length, 1);
    const a = graph.getEdgeAttributes(shared[0] as string);
    assert.deepEqual(a.shared, { property: 'phone', value: '+31612345678' });
    assert.equal(a.weight, 1);
  });

  test('an interstitial edge carries its schema, FtM label, entity id and dates', () => {
    const { graph } = build();
    assert.deepEqual(graph.getEdgeAttributes('ds.pay1'), {
      kind: 'interstitial',
      schema: 'Payment',
      label: 'paid',
      source: 'ds.pay1',
      start: '2021-03-05',
      end: '2021-03-05',
      weight: 1,
      datasets: ['ds'],
    });
    const own = graph.getEdgeAttributes('ds.own1');
    assert.equal(own.start, '2019-01-01');
    assert.equal(own.end, undefined);
  });

  test('a time window keeps overlapping and undated edges; datedOnly drops the undated', () => {
    const in2021 = edges({ from: '2021-01-01', to: '2021-12-31' });
    // pay2 (2022) is outside; ownership since 2019 still holds in 2021; family, passport and phone have no dates.
    assert.deepEqual(in2021, [
      'interstitial Family ds.anna-ds.bert',
      'interstitial Ownership ds.carla-ds.acme',
      'interstitial Payment ds.anna-ds.acme',
      'reference holder ds.pass1-ds.carla',
      'shared-identifier id-number ds.dirk-ds.pass1',
      'shared-identifier phone ds.anna-ds.bert',
    ]);
    assert.deepEqual(edges({ from: '2021-01-01', to: '2021-12-31', datedOnly: true }), [
      'interstitial Ownership ds.carla-ds.acme',
      'interstitial Payment ds.anna-ds.acme',
    ]);
    // A month as the window: July 2022 holds pay2 (2022-07-01) and the ownership, not pay1.
    assert.deepEqual(edges({ from: '2022-07', to: '2022-07', datedOnly: true }), [
      'interstitial Ownership ds.carla-ds.acme',
      'interstitial Payment ds.bert-ds.acme',
    ]);
    // Before the ownership began, nothing dated holds.
    assert.deepEqual(edges({ to: '2018', datedOnly: true }), []);
  });

  test('kinds and schemata filters keep only those edges', () => {
    assert.deepEqual(edges({ kinds: ['shared-identifier'] }), ['shared-identifier id-number ds.dirk-ds.pass1', 'shared-identifier phone ds.anna-ds.bert']);
    assert.deepEqual(edges({ schemata: ['Payment'] }), ['interstitial Payment ds.anna-ds.acme', 'interstitial Payment ds.bert-ds.acme']);
  });

  test('a minimum grading drops the weaker statements, and with them the link they made', () => {
    // pay2's beneficiary is graded C3, below B2: the payment has no beneficiary left, hence no edge.
    assert.deepEqual(edges({ schemata: ['Payment'], minGrading: 'B2' }), ['interstitial Payment ds.anna-ds.acme']);
    // Admiralty D4 maps to C4 (model/handling.ts), which C3 meets.
    assert.equal(edges({ schemata: ['Payment'], minGrading: 'adm:D4' }).length, 2);
  });

  test('a directed build makes payments directed and family ties undirected; weights can be amounts', () => {
    const { graph } = build({}, { directed: true, weight: 'amount' });
    assert.equal(graph.type, 'mixed');
    assert.equal(graph.isDirected('ds.pay1'), true);
    assert.equal(graph.isUndirected('ds.fam1'), true);
    assert.equal(graph.getEdgeAttribute('ds.pay1', 'weight'), 1000);
    assert.equal(graph.getEdgeAttribute('ds.pay2', 'weight'), 1, 'no amount: weight 1');
  });

  test('a value held by more entities than maxShared is no link and is reported', () => {
    const many = ['a', 'b', 'c'].map((k) => st(`ds.${k}`, 'Person', 'email', 'desk@example.org'));
    const { graph, skipped } = buildGraph(model, entitiesFromStatements(model, many), { maxShared: 2 });
    assert.equal(graph.size, 0);
    assert.deepEqual(skipped, [{ kind: 'email', value: 'desk@example.org', holders: 3 }]);
    assert.equal(buildGraph(model, entitiesFromStatements(model, many), { maxShared: 3 }).graph.size, 3);
  });

  test('restricting nodes keeps only the links among them', () => {
    const { graph } = buildGraph(model, entitiesFromStatements(model, caseFile()), { nodes: new Set(['ds.anna', 'ds.bert']) });
    assert.deepEqual(graph.nodes().sort(), ['ds.anna', 'ds.bert']);
    assert.deepEqual(graph.mapEdges((_k, a) => a.schema).sort(), ['Family', 'phone']);
  });

  test('the view marks FtM direction whatever the build', () => {
    const { graph } = build();
    const view = toView(model, graph, { nodes: ['ds.anna', 'ds.bert', 'ds.acme'] });
    assert.deepEqual(
      view.nodes.map((n) => n.id),
      ['ds.anna', 'ds.bert', 'ds.acme'],
    );
    const byId = new Map(view.edges.map((e) => [e.id, e]));
    assert.deepEqual([...byId.keys()].sort(), ['ds.fam1', 'ds.pay1', 'ds.pay2', 'shared:phone:+31612345678:ds.anna|ds.bert']);
    assert.deepEqual([byId.get('ds.pay1')?.from, byId.get('ds.pay1')?.to, byId.get('ds.pay1')?.directed], ['ds.anna', 'ds.acme', true]);
    assert.equal(byId.get('ds.fam1')?.directed, false);
  });

  test('bad filters are validation errors', () => {
    assert.throws(() => build({ from: 'last year' }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => build({ from: '2022', to: '2021' }), { code: 'CORVID_ERR_VALIDATION' });
    assert.throws(() => build({ minGrading: 'Z9' }), { code: 'CORVID_ERR_MODEL_INVALID_GRADING' });
    assert.throws(() => build({}, { maxShared: 1 }), { code: 'CORVID_ERR_VALIDATION' });
  });
});

describe('the edge list that whole-network analyses take', () => {
  /** The case file twice over (a second agency's copy of each record) plus a few more payments, for parallel edges. */
  function bigger(): Statement[] {
    const more = caseFile().map((s) => ({ ...s, entityId: s.entityId.replace('ds.', 'ds.x'), value: s.isRef ? s.value.replace('ds.', 'ds.x') : s.value }));
    const links = ['anna', 'bert', 'carla', 'dirk'].flatMap((p, i) => [
      st(`ds.lnk${i}`, 'Payment', 'payer', `ds.${p}`, ref),
      st(`ds.lnk${i}`, 'Payment', 'beneficiary', `ds.x${p}`, ref),
      st(`ds.lnk${i}`, 'Payment', 'amount', String(100 * (i + 1))),
    ]);
    return [...caseFile(), ...more, ...links];
  }

  for (const directed of [false, true]) {
    test(`gives every analysis that takes it the graph's answer (${directed ? 'direction kept' : 'undirected'}, by count and by amount)`, () => {
      for (const weight of ['count', 'amount'] as const) {
        const entities = entitiesFromStatements(model, bigger());
        const { graph } = buildGraph(model, entities, { directed, weight });
        const b = new GraphBuilder(model, { directed, weight }, new EdgeListSink());
        for (const e of entities) b.add(e);
        const { edges: list } = b.finishEdgeList();
        assert.deepEqual(list.ids, graph.nodes());
        assert.equal(list.size, graph.size);
        for (const name of ['louvain', 'leiden', 'degree', 'betweenness', 'eigenvector', 'pagerank']) {
          assert.ok(takesEdgeList(name), name);
          for (const params of [{}, { weighted: true }]) {
            assert.deepEqual(runOnEdgeList(list, name, params).result, runAnalysis(graph, name, params).result, `${name} ${JSON.stringify(params)} ${weight}`);
          }
        }
      }
    });
  }

  test('analyses that walk the graph refuse an edge list', () => {
    const b = new GraphBuilder(model, {}, new EdgeListSink());
    for (const e of entitiesFromStatements(model, caseFile())) b.add(e);
    const { edges: list } = b.finishEdgeList();
    assert.equal(takesEdgeList('keyplayer'), false);
    assert.throws(() => runOnEdgeList(list, 'keyplayer'), (e: unknown) => (e as { code?: string }).code === 'CORVID_ERR_VALIDATION');
  });
});

describe('call-detail records that give numbers, not people', () => {
  // Eva and Finn hold one phone each; Gus and Hana share one; a call record names only numbers, as operators' CDRs do.
  const cdr = (): Statement[] => [
    st('ds.eva', 'Person', 'name', 'Eva'),
    st('ds.eva', 'Person', 'phone', '+491701234567'),
    st('ds.finn', 'Person', 'name', 'Finn'),
    st('ds.finn', 'Person', 'phone', '+49 171 1234567'),
    st('ds.gus', 'Person', 'name', 'Gus'),
    st('ds.gus', 'Person', 'phone', '+31612345678'),
    st('ds.hana', 'Person', 'name', 'Hana'),
    st('ds.hana', 'Person', 'phone', '+31612345678'),
    st('ds.c1', 'Call', 'callerNumber', '+491701234567'),
    st('ds.c1', 'Call', 'receiverNumber', '+491711234567'),
    st('ds.c1', 'Call', 'date', '2024-01-08'),
    st('ds.c2', 'Call', 'callerNumber', '+491711234567'),
    st('ds.c2', 'Call', 'receiverNumber', '+31612345678'),
    st('ds.c3', 'Call', 'callerNumber', '+491701234567'),
    st('ds.c3', 'Call', 'receiverNumber', '+4930901820'),
    st('ds.c4', 'Call', 'caller', 'ds.eva', ref),
    st('ds.c4', 'Call', 'receiverNumber', '+491711234567'),
  ];
  const calls = (options: Omit<BuildOptions, 'filter'> = {}) =>
    buildGraph(model, entitiesFromStatements(model, cdr()), options)
      .graph.filterEdges((_k, a) => a.schema === 'Call')
      .map((k) => k);

  test('a call links the holders of its numbers, says so, and keeps its date', () => {
    const { graph } = buildGraph(model, entitiesFromStatements(model, cdr()), { directed: true });
    const c1 = graph.getEdgeAttributes('ds.c1');
    assert.deepEqual([graph.source('ds.c1'), graph.target('ds.c1'), c1.via, c1.start, graph.isDirected('ds.c1')], ['ds.eva', 'ds.finn', 'phone', '2024-01-08', true]);
  });

  test('a number two people hold reaches both; a number nobody holds makes no link; a named end is used as named', () => {
    assert.deepEqual(calls().sort(), ['ds.c1', 'ds.c2~ds.finn~ds.gus', 'ds.c2~ds.finn~ds.hana', 'ds.c4']);
  });

  test('without shared-identifier links, calls still find their ends', () => {
    assert.deepEqual(calls({ sharedIdentifiers: false }).sort(), ['ds.c1', 'ds.c2~ds.finn~ds.gus', 'ds.c2~ds.finn~ds.hana', 'ds.c4']);
  });
});

describe('payments that name only accounts', () => {
  test('a bank statement payment links the payer and beneficiary accounts; named parties win over accounts', () => {
    const statements = [
      st('bank.a1', 'BankAccount', 'iban', 'DE89370400440532013000'),
      st('bank.a2', 'BankAccount', 'iban', 'NL91ABNA0417164300'),
      st('bank.p1', 'Payment', 'payerAccount', 'bank.a1', ref),
      st('bank.p1', 'Payment', 'beneficiaryAccount', 'bank.a2', ref),
      st('bank.p1', 'Payment', 'amount', '250'),
      st('bank.anna', 'Person', 'name', 'Anna'),
      st('bank.p2', 'Payment', 'payer', 'bank.anna', ref),
      st('bank.p2', 'Payment', 'payerAccount', 'bank.a1', ref),
      st('bank.p2', 'Payment', 'beneficiaryAccount', 'bank.a2', ref),
    ];
    const { graph } = buildGraph(model, entitiesFromStatements(model, statements), {});
    const list = graph.mapEdges((k, a, s, t) => `${k} ${a.schema} ${s}-${t}`).sort();
    assert.deepEqual(list, ['bank.p1 Payment bank.a1-bank.a2', 'bank.p2 Payment bank.anna-bank.a2']);
  });
});
