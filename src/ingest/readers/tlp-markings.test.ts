/** Tests of reading TLP and reliability markings from STIX marking definitions and MISP tags. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gradingFromAdmiralty, readMispTag, summariseMispTags, tlpOfMarkingDefinition, tlpOfMarkingRefs } from './tlp-markings.ts';

describe('STIX TLP markings', () => {
  test('the four TLP 1.0 ids of the STIX 2.1 specification, WHITE read as CLEAR', () => {
    assert.equal(tlpOfMarkingRefs(['marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9']), 'CLEAR');
    assert.equal(tlpOfMarkingRefs(['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da']), 'GREEN');
    assert.equal(tlpOfMarkingRefs(['marking-definition--f88d31f6-486f-44da-b317-01333bde0b82']), 'AMBER');
    assert.equal(tlpOfMarkingRefs(['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed']), 'RED');
  });

  test('the five TLP 2.0 ids, and the most restrictive of several', () => {
    assert.equal(tlpOfMarkingRefs(['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487']), 'CLEAR');
    assert.equal(tlpOfMarkingRefs(['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb']), 'GREEN');
    assert.equal(tlpOfMarkingRefs(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']), 'AMBER');
    assert.equal(tlpOfMarkingRefs(['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003']), 'AMBER+STRICT');
    assert.equal(tlpOfMarkingRefs(['marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1']), 'RED');
    const both = ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003'];
    assert.equal(tlpOfMarkingRefs(both), 'AMBER+STRICT');
  });

  test('other markings (copyright statements) and junk give no TLP', () => {
    assert.equal(tlpOfMarkingRefs(['marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168']), undefined);
    assert.equal(tlpOfMarkingRefs('not a list'), undefined);
    assert.equal(tlpOfMarkingRefs([42, null]), undefined);
  });

  test('a marking definition with its own id states its TLP by the TLP 2.0 extension or its name', () => {
    const ext = { id: 'marking-definition--1d0c4a3e-6a2b-4c1d-9e3f-2a1b0c9d8e7f', extensions: { 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': { tlp_2_0: 'amber+strict' } } };
    assert.equal(tlpOfMarkingDefinition(ext), 'AMBER+STRICT');
    assert.equal(tlpOfMarkingDefinition({ id: 'marking-definition--x', definition_type: 'tlp', definition: { tlp: 'white' } }), 'CLEAR');
    assert.equal(tlpOfMarkingDefinition({ id: 'marking-definition--x', name: 'TLP:GREEN' }), 'GREEN');
    assert.equal(tlpOfMarkingDefinition({ id: 'marking-definition--x', definition_type: 'statement', definition: { statement: 'Copyright' } }), undefined);
    const learned = new Map([['marking-definition--mine', 'RED' as const]]);
    assert.equal(tlpOfMarkingRefs(['marking-definition--mine'], learned), 'RED');
  });
});

describe('MISP tags', () => {
  test('tlp: tags in TLP 1.0 and 2.0 spellings; ex:chr and unclear are not levels', () => {
    assert.deepEqual(readMispTag('tlp:white'), { kind: 'tlp', tlp: 'CLEAR' });
    assert.deepEqual(readMispTag('tlp:amber+strict'), { kind: 'tlp', tlp: 'AMBER+STRICT' });
    assert.deepEqual(readMispTag('TLP:RED'), { kind: 'tlp', tlp: 'RED' });
    assert.deepEqual(readMispTag('tlp:ex:chr'), { kind: 'keyword', keyword: 'tlp:ex:chr' });
    assert.deepEqual(readMispTag('tlp:unclear'), { kind: 'keyword', keyword: 'tlp:unclear' });
  });

  test('admiralty-scale machine tags', () => {
    assert.deepEqual(readMispTag('admiralty-scale:source-reliability="b"'), { kind: 'source-reliability', code: 'B' });
    assert.deepEqual(readMispTag('admiralty-scale:information-credibility="2"'), { kind: 'information-credibility', code: '2' });
    assert.deepEqual(readMispTag('admiralty-scale:source-reliability="z"'), { kind: 'keyword', keyword: 'admiralty-scale:source-reliability="z"' });
  });

  test('Admiralty 6x6 to Europol 4x4: A→A, B→B, C–E→C, F→X, G (deceptive)→C; 1–3 kept, 4–6→4', () => {
    assert.equal(gradingFromAdmiralty('B', '2'), 'B2');
    assert.equal(gradingFromAdmiralty('D', '5'), 'C4');
    assert.equal(gradingFromAdmiralty('F', '3'), 'X3');
    assert.equal(gradingFromAdmiralty('G', '1'), 'C1');
    assert.equal(gradingFromAdmiralty('A', undefined), 'A4');
    assert.equal(gradingFromAdmiralty(undefined, '2'), 'X2');
    assert.equal(gradingFromAdmiralty(undefined, undefined), undefined);
  });

  test('a tag list: strictest TLP, grading from both halves, the rest as keywords', () => {
    const s = summariseMispTags([
      { name: 'tlp:green' },
      { name: 'tlp:amber' },
      { name: 'admiralty-scale:information-credibility="3"' },
      { name: 'admiralty-scale:source-reliability="e"' },
      { name: 'europol-event:phishing' },
      { name: '' },
      'not a tag',
    ]);
    assert.deepEqual(s, { tlp: 'AMBER', grading: 'C3', keywords: ['europol-event:phishing'] });
    assert.deepEqual(summariseMispTags(undefined), { keywords: [] });
  });
});
