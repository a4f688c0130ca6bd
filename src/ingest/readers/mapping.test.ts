/** Tests of mapping parsing and checking, and of FtM-compatible ids. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isCorvidError } from '../../errors.ts';
import { entityId } from './mapping-apply.ts';
import { parseMapping, type CompiledMapping } from './mapping.ts';

const isMappingError = (e: unknown): boolean => isCorvidError(e) && e.code === 'CORVID_ERR_INGEST_MAPPING';

const PEOPLE = `
entities:
  person:
    schema: Person
    key_literal: person
    keys: [name]
    properties:
      name: {column: name}
`;

function entity(m: CompiledMapping, name: string) {
  const e = m.queries.flatMap((q) => q.entities).find((x) => x.name === name);
  assert.ok(e, `entity ${name}`);
  return e;
}

describe('parseMapping: the three shapes FtM accepts', () => {
  test('a single query', () => {
    const m = parseMapping(PEOPLE, 'people.yml');
    assert.equal(m.queries.length, 1);
    assert.deepEqual(m.columns, ['name']);
    assert.equal(entity(m, 'person').keyPrefix, '');
  });

  test('bare queries, and datasets whose name becomes the key prefix (as in `ftm map`)', () => {
    const bare = parseMapping(`queries:\n  - ${PEOPLE.trim().replace(/\n/g, '\n    ')}\n`);
    assert.equal(bare.queries.length, 1);
    const named = parseMapping(
      `ds_a:\n  queries:\n    - ${PEOPLE.trim().replace(/\n/g, '\n      ')}\nds_b:\n  query:\n    ${PEOPLE.trim().replace(/\n/g, '\n    ')}\n`,
    );
    assert.deepEqual(
      named.queries.map((q) => q.label),
      ['ds_a query 1', 'ds_b query 1'],
    );
    assert.equal(named.queries[1]!.entities[0]!.keyPrefix, 'ds_b');
  });

  test('orders entities so that referenced ones come first', () => {
    const m = parseMapping(`
entities:
  link:
    schema: Ownership
    keys: [a, b]
    properties:
      owner: {entity: owner}
      asset: {entity: company}
  owner: {schema: Person, keys: [a]}
  company: {schema: Company, keys: [b]}
`);
    assert.deepEqual(
      m.queries[0]!.entities.map((e) => e.name),
      ['owner', 'company', 'link'],
    );
  });

  test('collects unknown keys as warnings and ignores the FtM source keys', () => {
    const m = parseMapping(`
csv_url: http://example.org/x.csv
filter: {a: b}
entities:
  person:
    schema: Person
    keys: [name]
    kyes: [oops]
    properties:
      name: {column: name, colum: x}
`);
    assert.equal(m.warnings.length, 3);
  });

  test('reads filters and Corvid handling fields, checking literals at load time', () => {
    const m = parseMapping(`
filters: {status: [open, 1]}
filters_not: {hidden: "yes"}
entities:
  person:
    schema: Person
    keys: [name]
    grading: {column: grade}
    tlp: amber
    compartment: {literal: OP-X}
    handling: {literal: h3}
    handling_note: {literal: ask first}
`);
    assert.deepEqual(m.queries[0]!.filters, [['status', ['open', '1']]]);
    assert.deepEqual(m.queries[0]!.filtersNot, [['hidden', ['yes']]]);
    assert.deepEqual(entity(m, 'person').meta, {
      grading: { column: 'grade' },
      tlp: { literal: 'AMBER' },
      compartment: { literal: 'op-x' },
      handling: { literal: 'H3' },
      handlingNote: { literal: 'ask first' },
    });
    assert.deepEqual(m.columns.sort(), ['grade', 'name', 'status', 'hidden'].sort());
  });
});

describe('parseMapping: mistakes are mapping errors before any row is read', () => {
  const broken: [string, string][] = [
    ['unknown schema', 'entities: {x: {schema: Spaceship, keys: [a]}}'],
    ['unknown property', 'entities: {x: {schema: Person, keys: [a], properties: {shoeSize: {column: a}}}}'],
    ['abstract schema', 'entities: {x: {schema: Thing, keys: [a]}}'],
    ['stub property', 'entities: {x: {schema: Person, keys: [a], properties: {ownershipOwner: {column: a}}}}'],
    ['no keys', 'entities: {x: {schema: Person}}'],
    ['keys and id_column', 'entities: {x: {schema: Person, keys: [a], id_column: a}}'],
    ['reference to a missing entity', 'entities: {x: {schema: Ownership, keys: [a], properties: {owner: {entity: nobody}}}}'],
    ['reference out of range', 'entities: {p: {schema: Address, keys: [a]}, x: {schema: Ownership, keys: [a], properties: {owner: {entity: p}}}}'],
    ['entity: on a text property', 'entities: {p: {schema: Person, keys: [a]}, x: {schema: Person, keys: [a], properties: {name: {entity: p}}}}'],
    [
      'circular references',
      'entities: {a: {schema: Person, keys: [k], properties: {parent: {entity: b}}}, b: {schema: Person, keys: [k], properties: {parent: {entity: a}}}}',
    ],
    ['nothing to map', 'entities: {x: {schema: Person, keys: [a], properties: {name: {required: true}}}}'],
    ['invalid grading literal', 'entities: {x: {schema: Person, keys: [a], grading: {literal: Z9}}}'],
    ['invalid handling literal', 'entities: {x: {schema: Person, keys: [a], handling: H7}}'],
    ['both column and literal', 'entities: {x: {schema: Person, keys: [a], tlp: {column: t, literal: red}}}'],
    ['unsupported date directive', 'entities: {x: {schema: Person, keys: [a], properties: {birthDate: {column: d, format: "%Q"}}}}'],
    ['no entities', 'entities: {}'],
    ['not YAML', 'entities: [a, b'],
    ['not a mapping', '- just a list'],
    ['dataset without queries', 'ds: {title: x}'],
    ['duplicate keys', 'entities: {x: {schema: Person, keys: [a]}, x: {schema: Person, keys: [b]}}'],
  ];
  for (const [what, yaml] of broken) {
    test(what, () => assert.throws(() => parseMapping(yaml, 'bad.yml'), isMappingError));
  }
});

describe('entity ids, as FtM computes them', () => {
  // Expected values from Python: hashlib.sha1(b'testlitxy').hexdigest() etc.
  const m = parseMapping(`
test:
  queries:
    - entities:
        plain: {schema: Person, key_literal: lit, keys: [b, a]}
        ordered: {schema: Person, key_literal: lit, keys: [b, a], ordered_keys: true}
        byColumn: {schema: Person, id_column: a}
`);
  const row = (cells: Record<string, string>) => (c: string) => cells[c] ?? '';

  test('SHA-1 of key prefix, key literal and the key values sorted, empty ones left out', () => {
    assert.equal(entityId(entity(m, 'plain'), row({ a: 'x', b: 'y' })), '2a7c148ea7d730c1426b4641859e47317521b44e');
    assert.equal(entityId(entity(m, 'plain'), row({ a: ' y ', b: 'x' })), '2a7c148ea7d730c1426b4641859e47317521b44e');
    assert.equal(entityId(entity(m, 'plain'), row({ a: 'x', b: '' })), '774911f22091aed5f4a5cfa902915ac9a2690f10');
    assert.equal(entityId(entity(m, 'plain'), row({ a: ' ', b: '' })), undefined);
  });

  test('ordered_keys keeps the direction', () => {
    assert.equal(entityId(entity(m, 'ordered'), row({ a: 'x', b: 'y' })), '4845224806a02c00c0ca0fca25ca4da0b8a543c3');
    assert.equal(entityId(entity(m, 'ordered'), row({ a: 'y', b: 'x' })), 'a1fbcf905c57128b00014bfc88870720afe3b158');
  });

  test('id_column takes the cell as it is', () => {
    assert.equal(entityId(entity(m, 'byColumn'), row({ a: ' Q-17 ' })), 'Q-17');
    assert.equal(entityId(entity(m, 'byColumn'), row({ a: '' })), undefined);
  });

  test('without a dataset name there is no prefix', () => {
    assert.equal(entityId(entity(parseMapping(PEOPLE), 'person'), row({ name: ' Ana ' })), '266095351797e1f2a85a646816b043720b82e037');
  });
});
