// Tests for the demo's identifiers: IBAN check digits, national checks, valid phones, bech32 and TRON addresses.
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidIBAN } from 'ibantools';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { cleanPhone } from '../model/types.ts';
import { bech32Valid, btcAddress, tronAddress, USDT_TRC20_CONTRACT } from './crypto-ids.ts';
import { formatPhone, ibanCheckDigits, italianCin, makeIban, makePhone } from './identifiers.ts';
import { Rng } from './rng.ts';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** An independent base58 decoder (BigInt), to check TRON addresses. */
function base58Decode(s: string): Uint8Array {
  let n = 0n;
  for (const c of s) n = n * 58n + BigInt(BASE58.indexOf(c));
  const hex = n.toString(16).padStart(50, '0');
  return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
}

function tronValid(address: string): boolean {
  const bytes = base58Decode(address);
  if (bytes.length !== 25 || bytes[0] !== 0x41) return false;
  const d = createHash('sha256')
    .update(createHash('sha256').update(bytes.subarray(0, 21)).digest())
    .digest();
  return d.subarray(0, 4).equals(Buffer.from(bytes.subarray(21)));
}

describe('IBANs', () => {
  test('check digits match the ISO 13616 example', () => {
    assert.equal(ibanCheckDigits('GB', 'WEST12345698765432'), '82'); // GB82 WEST 1234 5698 7654 32
  });

  test('the Italian CIN matches the published example IT60 X054 2811 1010 0000 0123 456', () => {
    assert.equal(italianCin('0542811101000000123456'), 'X');
  });

  test('generated IBANs are valid and have their country length', () => {
    const rng = new Rng(1, 'iban');
    const lengths: Record<string, number> = { DE: 22, NL: 18, IT: 27, RO: 24, LT: 20, AT: 20 };
    for (const [cc, len] of Object.entries(lengths)) {
      for (let i = 0; i < 50; i++) {
        const g = makeIban(rng, cc);
        assert.equal(g.iban.length, len, g.iban);
        assert.ok(isValidIBAN(g.iban), g.iban);
      }
    }
  });

  test('Dutch account numbers pass the 11-test', () => {
    const rng = new Rng(2, 'nl');
    for (let i = 0; i < 50; i++) {
      const account = makeIban(rng, 'NL').iban.slice(8);
      const sum = [...account].reduce((s, d, j) => s + Number(d) * (10 - j), 0);
      assert.equal(sum % 11, 0, account);
    }
  });
});

describe('phones', () => {
  test('generated numbers are valid and a national form cleans back to the same E.164 number', () => {
    const rng = new Rng(3, 'phones');
    for (const cc of ['NL', 'DE', 'IT', 'RO', 'UA', 'LT', 'AT', 'TR', 'RS', 'GB', 'AE', 'IQ', 'SY', 'AF']) {
      for (let i = 0; i < 10; i++) {
        const n = makePhone(rng, cc);
        assert.ok(parsePhoneNumberFromString(n)?.isValid(), `${cc} ${n}`);
        const national = formatPhone(n, 'national');
        assert.deepEqual(cleanPhone(national, { defaultCountry: cc }), { ok: true, value: n });
        assert.deepEqual(cleanPhone(formatPhone(n, 'zeros')), { ok: true, value: n });
      }
    }
  });
});

describe('crypto addresses', () => {
  test('bech32 validation accepts the BIP 173 vector and rejects a changed character', () => {
    assert.equal(bech32Valid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'), true);
    assert.equal(bech32Valid('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5'), false);
  });

  test('generated Bitcoin addresses are P2WPKH bech32 with a valid checksum', () => {
    const rng = new Rng(4, 'btc');
    for (let i = 0; i < 50; i++) {
      const a = btcAddress(rng);
      assert.match(a, /^bc1q[02-9ac-hj-np-z]{38}$/);
      assert.ok(bech32Valid(a), a);
    }
  });

  test('generated TRON addresses are base58check with version 0x41', () => {
    assert.ok(tronValid(USDT_TRC20_CONTRACT)); // the decoder itself accepts a real address
    const rng = new Rng(5, 'tron');
    for (let i = 0; i < 50; i++) {
      const a = tronAddress(rng);
      assert.match(a, /^T[1-9A-HJ-NP-Za-km-z]{33}$/);
      assert.ok(tronValid(a), a);
    }
  });
});
