/** The shared adapter helpers: sensitivity, searchable properties, row mapping, text normalisation and scoring. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../model/schema.ts';
import { makeStatement } from './conformance.ts';
import {
  containsAllTokens, FUZZY_THRESHOLD, inFirstSeenOrder, isSearchable, isSensitive, normalizeText, searchScore, statementFromRow,
  statementToRow, tokenTrigrams,
} from './visibility.ts';

describe('visibility helpers', () => {
  test('sensitive means a compartment, TLP AMBER+STRICT or RED, or handling H2/H3', () => {
    const base = { compartment: '', tlp: 'AMBER', handling: 'H1' } as const;
    assert.equal(isSensitive([base]), false);
    assert.equal(isSensitive([base, { ...base, compartment: 'op-x' }]), true);
    assert.equal(isSensitive([{ ...base, tlp: 'AMBER+STRICT' }]), true);
    assert.equal(isSensitive([{ ...base, tlp: 'RED' }]), true);
    assert.equal(isSensitive([{ ...base, handling: 'H2' }]), true);
    assert.equal(isSensitive([{ ...base, handling: 'H3' }]), true);
    assert.equal(isSensitive([]), false);
  });

  test('names and identifiers are searchable, free text and unknown properties are not', () => {
    const model = loadModel();
    assert.equal(isSearchable(model, 'Person', 'name'), true);
    assert.equal(isSearchable(model, 'LegalEntity', 'email'), true);
    assert.equal(isSearchable(model, 'Company', 'registrationNumber'), true);
    assert.equal(isSearchable(model, 'BankAccount', 'iban'), true);
    assert.equal(isSearchable(model, 'CryptoWallet', 'publicKey'), true);
    assert.equal(isSearchable(model, 'Person', 'notes'), false);
    assert.equal(isSearchable(model, 'Payment', 'payer'), false);
    assert.equal(isSearchable(model, 'NoSuchSchema', 'name'), false);
  });

  test('statements survive the row mapping', () => {
    const s = makeStatement('police-a.x', 'Person', 'name', 'X', { tlp: 'AMBER+STRICT', isRef: true, handling: 'H3', handlingNote: 'ask' });
    assert.deepEqual(statementFromRow(statementToRow(s)), s);
    assert.equal(statementToRow(s)[13], 3);
  });

  test('first-seen order keeps ties in storage order', () => {
    const a = makeStatement('d.x', 'Person', 'name', 'A', { firstSeen: '2024-02-01T00:00:00.000Z' });
    const b = makeStatement('d.x', 'Person', 'name', 'B', { firstSeen: '2024-01-01T00:00:00.000Z' });
    const c = makeStatement('d.x', 'Person', 'name', 'C', { firstSeen: '2024-02-01T00:00:00.000Z' });
    assert.deepEqual(inFirstSeenOrder([a, b, c]).map((s) => s.value), ['B', 'A', 'C']);
  });

  test('normalises case, accents and punctuation', () => {
    assert.equal(normalizeText('  ROSSI, Mário '), 'rossi mario');
    assert.equal(normalizeText('john.smith@Example.org'), 'john smith example org');
    assert.equal(normalizeText('Müller-Lüdenscheidt'), 'muller ludenscheidt');
    assert.deepEqual(tokenTrigrams('jon smiht'), ['jon', 'smi', 'mih', 'iht']);
  });

  test('ASCII text normalises exactly as the Unicode rules say (the fast path changes nothing)', () => {
    // The rule in full: NFKD, marks stripped, lower case, every run of non-letters/digits one space, trimmed.
    const unicodeRule = (s: string): string => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const every = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
    const samples = [every, `x${every}y`, 'HRB 12345', ' +31 6 1234-5678 ', 'O\'Brien, Mary-Kate', '\t\nA\u0000b\u007fC', '', '   '];
    for (const s of samples) assert.equal(normalizeText(s), unicodeRule(s), JSON.stringify(s));
    assert.equal(normalizeText(every), '0123456789 abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz');
    assert.equal(normalizeText('Jean-Luc PICARD'), 'jean luc picard');
    assert.equal(normalizeText('Jean-Luc PICÁRD'), 'jean luc picard'); // not ASCII: the Unicode path
  });

  test('scores exact above reordered above typos, and rejects unrelated names', () => {
    const n = normalizeText;
    assert.equal(searchScore(n('John Smith'), n('JOHN SMITH')), 1);
    const reordered = searchScore(n('Mario Rossi'), n('ROSSI, Mario'));
    const typo = searchScore(n('Jon Smiht'), n('John Smith'));
    assert.ok(reordered < 1 && reordered > typo);
    assert.ok(typo >= FUZZY_THRESHOLD);
    assert.ok(searchScore(n('HRB12345'), n('HRB 12345')) > 0.9);
    assert.ok(searchScore(n('Smithsonian Institute'), n('John Smith')) < FUZZY_THRESHOLD);
    assert.ok(searchScore(n('Anna'), n('Anna Bianchi')) >= FUZZY_THRESHOLD);
    assert.equal(containsAllTokens('rossi mario', 'mario rossi'), true);
    assert.equal(containsAllTokens('jon', 'john smith'), false);
  });
});
