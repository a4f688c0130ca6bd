import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../model/schema.ts';
import { buildStatements, type BuildBase } from './to-statements.ts';

const model = loadModel();
const base: BuildBase = { dataset: 'police-a', source: 'case.json', importer: 'alice', grading: 'B2', compartment: '', tlp: 'AMBER', handling: 'H0', handlingNote: '', seen: '2025-01-02T03:04:05', defaultCountry: 'nl' };

describe('statements from raw entities', () => {
  test('ids and references go into the dataset namespace; values are cleaned; provenance attached', () => {
    const r = buildStatements(model, base, '7', [
      { id: 'p1', schema: 'Person', properties: { name: ['Ana  Pop'], phone: ['06-12345678'], birthDate: ['1971-06'] } },
      { id: 'police-b.acc', schema: 'Payment', properties: { amount: ['100'], payer: ['p1'] } },
    ]);
    assert.ok(r.ok);
    const byProp = (p: string) => r.statements.filter((s) => s.prop === p).map((s) => s.value);
    const ids = byProp('id');
    assert.equal(ids[0], 'police-a.p1');
    assert.ok(ids[1]!.startsWith('police-a.') && !ids[1]!.includes('police-b'), 'an id naming another dataset is hashed into this one');
    assert.deepEqual(byProp('name'), ['Ana Pop']);
    assert.deepEqual(byProp('phone'), ['+31612345678']);
    assert.deepEqual(byProp('payer'), ['police-a.p1']);
    const phone = r.statements.find((s) => s.prop === 'phone')!;
    assert.equal(phone.original, '06-12345678');
    assert.equal(phone.record, '7');
    assert.equal(phone.grading, 'B2');
    assert.equal(phone.importer, 'alice');
    assert.equal(r.statements.find((s) => s.prop === 'payer')!.isRef, true);
  });

  test('a bad value is dropped and reported; the rest of the record stays', () => {
    const r = buildStatements(model, base, '8', [{ id: 'p2', schema: 'Person', properties: { name: ['Bo'], birthDate: ['1971-02-30'] } }]);
    assert.ok(r.ok);
    assert.equal(r.valueRejects.length, 1);
    assert.equal(r.valueRejects[0]!.prop, 'birthDate');
    assert.deepEqual(r.statements.map((s) => s.prop), ['id', 'name']);
  });

  test('unknown schema or property, or a bad handling code, refuses the record', () => {
    assert.deepEqual(buildStatements(model, base, '9', [{ id: 'x', schema: 'Alien', properties: {} }]).ok, false);
    const p = buildStatements(model, base, '9', [{ id: 'x', schema: 'Person', properties: { wingspan: ['3m'] } }]);
    assert.ok(!p.ok && p.code === 'CORVID_ERR_MODEL_UNKNOWN_PROPERTY');
    const h = buildStatements(model, base, '9', [{ id: 'x', schema: 'Person', properties: {}, meta: { handling: 'H9' as 'H0' } }]);
    assert.ok(!h.ok && h.code === 'CORVID_ERR_MODEL_INVALID_HANDLING');
  });

  test('record and entity overrides of grading and handling, most specific wins', () => {
    const r = buildStatements(model, base, '10', [{ id: 'x', schema: 'Person', properties: { name: ['X'] }, meta: { tlp: 'RED', handling: 'H3', handlingNote: 'ask first' } }], { grading: 'A1', compartment: 'op-x' });
    assert.ok(r.ok);
    const s = r.statements[1]!;
    assert.deepEqual([s.grading, s.compartment, s.tlp, s.handling, s.handlingNote], ['A1', 'op-x', 'RED', 'H3', 'ask first']);
  });
});
