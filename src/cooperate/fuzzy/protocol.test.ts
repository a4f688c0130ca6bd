// Fuzzy matching end to end in memory: spelling variants hit, different names do not, policy refusals are clear.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFuzzyResponder, fuzzyRespond, runFuzzyRequester, type FuzzyPolicy } from './protocol.ts';
import { compareEncoded, encodeNames } from './match.ts';

const theirs = ['Catherine Johnson', 'Muhammad Al Hassan', 'Berg, Jan van der', 'Peter Smyth', 'Olga Petrova'];
const ours = ['Katherine Johnson', 'Mohammed al-Hassan', 'Jan van der Berg', 'Peter Smith', 'Karen Jones', 'Wei Zhang'];

async function run(policy: FuzzyPolicy, threshold = 0.7, batchSize = 2) {
  const state = createFuzzyResponder(theirs, policy);
  const sent: string[] = [];
  const hits = await runFuzzyRequester({ names: ours, threshold, batchSize }, async (m) => {
    sent.push(JSON.stringify(m));
    return fuzzyRespond(state, JSON.parse(JSON.stringify(m)));
  });
  return { hits, sent };
}

describe('private fuzzy name matching', () => {
  test('spelling variants and reordered names hit; different names do not', async () => {
    const { hits } = await run({ allowFuzzy: true, minThreshold: 0.7 });
    const pairs = hits.map((h) => `${h.name} → ${theirs[h.ref]}`).sort();
    assert.deepEqual(pairs, ['Jan van der Berg → Berg, Jan van der', 'Katherine Johnson → Catherine Johnson', 'Mohammed al-Hassan → Muhammad Al Hassan', 'Peter Smith → Peter Smyth']);
  });

  test('no name travels in clear', async () => {
    const { sent } = await run({ allowFuzzy: true, minThreshold: 0.7 });
    const text = sent.join('\n').toLowerCase();
    for (const n of ours) for (const part of n.toLowerCase().split(/[ ,-]+/)) if (part.length > 3) assert.ok(!text.includes(part), part);
  });

  test('different names have a low Dice even in one block', () => {
    const key = Buffer.alloc(32, 1);
    const a = encodeNames(['Katherine Johnson'], key);
    const b = encodeNames(['Karen Johns'], key);
    const { matches } = compareEncoded(a, b, 0);
    assert.ok(matches.length === 0 || matches[0].dice < 0.7);
  });

  test('a node that refuses fuzzy matching answers fuzzy.refuse, raised as CORVID_ERR_COOPERATE_REFUSED', async () => {
    await assert.rejects(run({ allowFuzzy: false }), (e: { code: string; details: { code: string } }) => e.code === 'CORVID_ERR_COOPERATE_REFUSED' && e.details.code === 'CORVID_ERR_COOPERATE_REFUSED');
    const state = createFuzzyResponder(theirs, { allowFuzzy: false });
    const reply = fuzzyRespond(state, { v: 1, type: 'fuzzy.hello', session: 'AAAAAAAAAAAAAAAAAAAAAA', nonce: 'x', publicKey: 'y', size: 1, threshold: 0.9, params: {} });
    assert.equal(reply.type, 'fuzzy.refuse');
  });

  test('a threshold below the node minimum is refused', async () => {
    await assert.rejects(run({ allowFuzzy: true, minThreshold: 0.85 }, 0.7), { code: 'CORVID_ERR_COOPERATE_REFUSED' });
  });

  test('malformed messages: CORVID_ERR_COOPERATE_BAD_MESSAGE / _SESSION', () => {
    const state = createFuzzyResponder(theirs, { allowFuzzy: true });
    assert.throws(() => fuzzyRespond(state, { v: 1, type: 'fuzzy.hello', session: 'short' }), { code: 'CORVID_ERR_COOPERATE_BAD_MESSAGE' });
    assert.throws(() => fuzzyRespond(state, { v: 1, type: 'fuzzy.hello', session: 'AAAAAAAAAAAAAAAAAAAAAA', params: { bits: 1000, k: 20, fold: true, flip: 0 }, threshold: 0.9, size: 1 }), { code: 'CORVID_ERR_COOPERATE_BAD_MESSAGE' });
    assert.throws(() => fuzzyRespond(state, { v: 1, type: 'fuzzy.filters', session: 'AAAAAAAAAAAAAAAAAAAAAA', batch: 0, offset: 0, filters: '', blocks: '' }), { code: 'CORVID_ERR_COOPERATE_SESSION' });
  });
});
