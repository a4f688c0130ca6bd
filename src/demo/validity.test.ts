// Checks every generated record against Corvid's model: schemata, property names, value cleaning,
// references that resolve inside their dataset, and well-formed IBANs, phones and addresses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { parseGrading, parseHandlingCode, parseTlp, parseCompartment } from '../model/handling.ts';
import { checkDataset } from '../model/ids.ts';
import { loadModel } from '../model/schema.ts';
import { cleanValue } from '../model/types.ts';
import { bech32Valid } from './crypto-ids.ts';
import { makeDemoFixture, type DemoFixture } from './demo-fixture.ts';
import { loadDemo, type LoadedDemo } from './load-demo.ts';

describe('generated records against the model', () => {
  let fx: DemoFixture;
  let demo: LoadedDemo;
  before(async () => {
    fx = await makeDemoFixture();
    demo = await loadDemo(fx.dir);
  });
  after(() => fx.cleanup());

  const countryOf = (file: string): string | undefined => demo.manifest.files.find((f) => f.path === file)?.defaultCountry;

  test('the manifest handling values parse', () => {
    for (const f of demo.manifest.files) {
      checkDataset(f.dataset);
      assert.equal(parseGrading(f.grading), f.grading);
      assert.equal(parseTlp(f.tlp), f.tlp);
      assert.equal(parseHandlingCode(f.handling), f.handling);
      assert.equal(parseCompartment(f.compartment), f.compartment);
    }
  });

  test('every schema and property exists, and at least 99.5% of values clean', () => {
    const model = loadModel();
    let good = 0;
    const bad: string[] = [];
    for (const e of demo.entities) {
      const schema = model.get(e.schema);
      assert.equal(schema.abstract, false, `${e.file}: ${e.schema} is abstract`);
      for (const [prop, values] of Object.entries(e.properties)) {
        const p = model.property(e.schema, prop);
        assert.equal(p.stub, false, `${e.schema}.${prop} is a reverse property`);
        for (const v of values) {
          const country = countryOf(e.file);
          const r = cleanValue(p, v, country ? { defaultCountry: country } : {});
          if (r.ok) good++;
          else bad.push(`${e.file}:${e.line} ${e.schema}.${prop}=${v} (${r.reason})`);
        }
      }
    }
    assert.ok(good > 20_000, `${good} values`);
    assert.ok(bad.length / (good + bad.length) <= 0.005, bad.slice(0, 10).join('\n'));
  });

  test('entity references point at entities of the same dataset with a fitting schema', () => {
    const model = loadModel();
    const schemaOf = new Map<string, string>();
    for (const e of demo.entities) schemaOf.set(`${e.dataset}/${e.id}`, e.schema);
    for (const e of demo.entities) {
      for (const [prop, values] of Object.entries(e.properties)) {
        const p = model.property(e.schema, prop);
        if (p.type !== 'entity') continue;
        for (const v of values) {
          const target = schemaOf.get(`${e.dataset}/${v}`);
          assert.ok(target, `${e.file}:${e.line} ${prop} → ${v} does not exist in ${e.dataset}`);
          if (p.range) assert.ok(model.isA(target, p.range), `${e.file}:${e.line} ${prop} → ${target} is not a ${p.range}`);
        }
      }
    }
  });

  test("IBANs are valid; phones become E.164 with the file's default country", () => {
    const model = loadModel();
    let ibans = 0;
    let phones = 0;
    for (const e of demo.entities) {
      for (const [prop, values] of Object.entries(e.properties)) {
        const type = model.property(e.schema, prop).type;
        for (const v of values) {
          if (type === 'iban') {
            ibans++;
            assert.ok(isValidIBAN(electronicFormatIBAN(v) ?? ''), `${e.file}: ${v}`);
          } else if (type === 'phone') {
            phones++;
            const country = countryOf(e.file);
            const r = cleanValue(model.property(e.schema, prop), v, country ? { defaultCountry: country } : {});
            assert.ok(r.ok && /^\+\d{8,15}$/.test(r.value), `${e.file}:${e.line} ${v} → ${JSON.stringify(r)}`);
          }
        }
      }
    }
    assert.ok(ibans > 1000 && phones > 5000, `${ibans} IBANs, ${phones} phones`);
  });

  test('wallets carry well-formed addresses; transfers use BTC or USDT', () => {
    const wallets = demo.entities.filter((e) => e.schema === 'CryptoWallet' && e.properties.publicKey);
    assert.ok(wallets.length > 20);
    for (const w of wallets) {
      const a = w.properties.publicKey![0]!;
      assert.ok(a.startsWith('bc1') ? bech32Valid(a) : /^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(a), a);
    }
    const transfers = demo.entities.filter((e) => e.schema === 'CryptoTransfer');
    assert.ok(transfers.length > 500);
    assert.deepEqual([...new Set(transfers.map((t) => t.properties.currency![0]))].sort(), ['BTC', 'USDT']);
    assert.ok(transfers.every((t) => /^[0-9a-f]{64}$/.test(t.properties.transactionHash![0]!)));
  });

  test('names come in several scripts and messages in several languages', () => {
    const values = demo.entities.flatMap((e) => [...(e.properties.name ?? []), ...(e.properties.alias ?? [])]);
    assert.ok(values.some((v) => /\p{Script=Cyrillic}/u.test(v)));
    assert.ok(values.some((v) => /\p{Script=Arabic}/u.test(v)));
    const langs = new Set(demo.entities.filter((e) => e.schema === 'Message').flatMap((e) => e.properties.language ?? []));
    for (const l of ['ara', 'prs', 'deu', 'nld', 'eng']) assert.ok(langs.has(l), `no messages in ${l}`);
  });
});
