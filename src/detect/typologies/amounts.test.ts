/** Tests for structuring and peel chains: the planted instance found, single near-threshold or single-step look-alikes not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pay, town } from '../fixtures.ts';
import { peelChains } from './peel-chain.ts';
import { structuring } from './structuring.ts';

test('structuring: four payments just under 10,000 EUR; one car at 9,600 and payments above the threshold are not', () => {
  const b = town();
  [
    ['3', '9500'],
    ['8', '9800'],
    ['12', '9700'],
    ['20', '9900'],
  ].forEach(([day, a]) => pay(b, 's', 'own', Number(day), a!));
  pay(b, 'buyer', 'dealer', 15, '9600');
  for (const day of [5, 9, 13]) pay(b, 'big', 'supplier', day, '12000');
  const { findings } = structuring(b.build());
  assert.deepEqual(findings.map((f) => f.accounts[0]).sort(), ['own', 's']);
  const sent = findings.find((f) => f.accounts[0] === 's')!;
  assert.match(
    sent.explanation,
    /account s sent 4 payments just under 10,000\.00 EUR \(within 10%\), totalling 38,900\.00 EUR, to 1 counterparty within 17 days/,
  );
  assert.equal(sent.transfers.length, 4);
});

test('peel chain: five hops each peeling 500 off; a single rent-day step is not a chain', () => {
  const b = town();
  pay(b, 'origin', 'h0', 1, '10000');
  for (let i = 0; i < 5; i++) {
    const got = 10000 - 500 * i;
    pay(b, `h${i}`, `p${i}`, 1.5 + i, '500');
    pay(b, `h${i}`, i < 4 ? `h${i + 1}` : 'end', 1.5 + i, String(got - 500));
  }
  pay(b, 'employer', 'tenant', 20, '3000');
  pay(b, 'tenant', 'landlord', 21, '2500');
  pay(b, 'tenant', 'p7', 21, '100');
  const { findings } = peelChains(b.build());
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0]!.accounts, ['h0', 'h1', 'h2', 'h3', 'h4']);
  assert.match(findings[0]!.explanation, /a chain of 5 hops from account h0 to h4 .* starting from 10,000\.00 EUR, .* \(5 peels totalling 2,500\.00 EUR\)/);
});
