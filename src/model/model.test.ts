import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from './schema.ts';
import { inNamespace, makeId, namespaceId } from './ids.ts';
import { assembleEntity, statementId, type Statement } from './statement.ts';

const model = loadModel();

describe('schema model', () => {
  test('FtM schemata load with inherited properties and edges', () => {
    assert.ok(model.isA('Person', 'LegalEntity'));
    assert.ok(model.get('Person').properties.has('birthDate'));
    assert.ok(model.get('Person').properties.has('name'), 'name is inherited from Thing');
    assert.deepEqual(model.get('Payment').edge, { source: 'payer', target: 'beneficiary', directed: true, label: 'paid' });
    assert.equal(model.common('LegalEntity', 'Person'), 'Person');
    assert.throws(() => model.common('Person', 'Company'), { code: 'CORVID_ERR_MODEL_UNKNOWN_SCHEMA' });
  });

  test("Corvid's own schemata are there, in FtM's form", () => {
    assert.ok(model.isA('CriminalNetwork', 'Organization'));
    assert.equal(model.property('CriminalNetwork', 'members').type, 'entity');
    assert.ok(model.get('Alert').properties.has('explanation'));
    assert.equal(model.property('CryptoTransfer', 'amount').type, 'number', 'amount is inherited from Value');
    assert.equal(model.property('CryptoTransferLeg', 'wallet').range, 'CryptoWallet');
  });
});

describe('ids', () => {
  test('ids are deterministic and namespaced by dataset', () => {
    assert.equal(makeId('police-a', 'x', 'y'), makeId('police-a', 'x', 'y'));
    assert.notEqual(makeId('police-a', 'x', 'y'), makeId('police-b', 'x', 'y'));
    assert.notEqual(makeId('d', 'ab', 'c'), makeId('d', 'a', 'bc'));
  });

  test('a source id cannot escape into another dataset', () => {
    const forged = namespaceId('police-a', 'police-b.123');
    assert.ok(inNamespace('police-a', forged));
    assert.ok(!inNamespace('police-b', forged));
    assert.equal(namespaceId('police-a', 'police-a.123'), 'police-a.123');
    assert.ok(inNamespace('police-a', namespaceId('police-a', '../../etc/passwd')));
  });
});

describe('entities from statements', () => {
  const base = { dataset: 'd', source: 's', record: '1', firstSeen: '2024-01-01', lastSeen: '2024-01-01', grading: 'B2', compartment: '', tlp: 'AMBER', handling: 'H0', handlingNote: '', importer: 't', original: '', isRef: false } as const;
  const st = (schema: string, prop: string, value: string, seen = '2024-01-01'): Statement => {
    const s = { ...base, entityId: 'd.1', schema, prop, value, firstSeen: seen, lastSeen: seen };
    return { id: statementId(s), ...s };
  };

  test('the schema is the most specific one the sources agree on; values are not repeated', () => {
    const e = assembleEntity(model, [st('LegalEntity', 'name', 'Ana Pop'), st('Person', 'birthDate', '1971', '2023-05-01'), st('Person', 'name', 'Ana Pop')]);
    assert.equal(e.schema, 'Person');
    assert.deepEqual(e.properties, { name: ['Ana Pop'], birthDate: ['1971'] });
    assert.equal(e.caption, 'Ana Pop');
    assert.equal(e.firstSeen, '2023-05-01');
  });

  test('statement ids change with provenance, not with the record line', () => {
    const a = st('Person', 'name', 'Ana');
    assert.equal(statementId({ ...a, record: '99' } as Statement), a.id);
    assert.notEqual(statementId({ ...a, grading: 'C3' }), a.id);
  });
});
