// Interning ids by their bytes: each distinct id gets one value, made once, by the hashed and the dense path alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteInterner } from './byte-intern.ts';

test('each distinct id is made once and found again, through table growth, dense or not', () => {
  const ids = [
    ...Array.from({ length: 50_000 }, (_, i) => `acc-${i}`), // hashed: not one byte and a number
    ...Array.from({ length: 3_000 }, (_, i) => `a${i}`), // dense
    'a', 'a01', 'b0', 'é9', 'x99999999', // a lone byte, a leading zero, another prefix, latin1, too long for dense
  ];
  const it = new ByteInterner();
  const made: string[] = [];
  const make = (id: string): number => made.push(id) - 1;
  const bytes = (id: string): Buffer => Buffer.from(`,${id},`, 'latin1');
  for (let pass = 0; pass < 2; pass++) {
    ids.forEach((id, i) => {
      const b = bytes(id);
      assert.equal(it.get(b, 1, b.length - 1, make), i, id);
    });
  }
  assert.deepEqual(made, ids);
});
