/** Tests for the synthetic ledger generator: same seed → same ledger; planted truth is in the ledger; CSV matches. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthLedger, writeSynthCsv } from './generate.ts';

const opts = { accounts: 2000, transfers: 20_000, seed: 11, perTypology: 2 };

test('the same seed gives the same ledger and truth; another seed does not', () => {
  const a = synthLedger(opts);
  const b = synthLedger(opts);
  assert.equal(a.ledger.size, b.ledger.size);
  assert.deepEqual(a.ledger.from, b.ledger.from);
  assert.deepEqual(a.ledger.units, b.ledger.units);
  assert.deepEqual(a.truth, b.truth);
  assert.notDeepEqual(synthLedger({ ...opts, seed: 12 }).ledger.units, a.ledger.units);
});

test('every typology is planted, and each planted row joins accounts of its pattern', () => {
  const { ledger, truth } = synthLedger(opts);
  const kinds = new Set(truth.map((t) => t.typology));
  assert.equal(kinds.size, 13);
  assert.equal(truth.length, 26);
  for (const t of truth) {
    assert.ok(t.transfers.length > 0);
    const accounts = new Set(t.accounts);
    for (const r of t.transfers) {
      const ends = [ledger.nodeIds[ledger.from[r]!]!, ledger.nodeIds[ledger.to[r]!]!];
      assert.ok(
        ends.some((e) => accounts.has(e)),
        `${t.typology} row ${r}`,
      );
    }
  }
});

test('the CSV writer emits the same rows as the ledger', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'synth-')), 'l.csv');
  const { rows } = writeSynthCsv(path, opts);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const { ledger } = synthLedger(opts);
  assert.equal(lines.length - 1, rows);
  assert.equal(rows, ledger.size);
  const [, from, to] = lines[1]!.split(',');
  assert.deepEqual([from, to], [ledger.nodeIds[ledger.from[0]!], ledger.nodeIds[ledger.to[0]!]]);
});
