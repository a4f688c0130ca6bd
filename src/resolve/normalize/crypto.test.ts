// Tests for crypto-address normalisation against published addresses and test vectors, corrupted ones and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeCryptoAddress } from './crypto.ts';

const chainOf = (s: string) => normalizeCryptoAddress(s)?.chain ?? null;

test('Bitcoin base58check addresses: the genesis-block address and published examples', () => {
  assert.deepEqual(normalizeCryptoAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'), {
    chain: 'btc',
    address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    key: 'btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
  });
  // P2SH example of the Bitcoin wiki; testnet P2PKH and P2SH examples of its "List of address prefixes".
  for (const s of ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn', '2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc']) {
    assert.equal(normalizeCryptoAddress(s)?.key, `btc:${s}`);
  }
  assert.equal(normalizeCryptoAddress('  bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa?amount=0.1 ')?.address, '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
});

test('Bitcoin base58check addresses with one changed character give null', () => {
  assert.equal(normalizeCryptoAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'), null);
  assert.equal(normalizeCryptoAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivFNa'), null);
  assert.equal(normalizeCryptoAddress('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLY'), null);
});

test('BIP-350 valid segwit addresses are accepted and lower-cased', () => {
  const valid = [
    'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
    'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
    'BC1SW50QGDZ25J',
    'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs',
    'tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy',
    'tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c',
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
  ];
  for (const s of valid) assert.deepEqual(normalizeCryptoAddress(s), { chain: 'btc', address: s.toLowerCase(), key: `btc:${s.toLowerCase()}` }, s);
});

test('BIP-350 invalid segwit addresses give null', () => {
  const invalid = [
    'tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', // invalid human-readable part
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', // bech32 instead of bech32m
    'tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf',
    'BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL',
    'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', // bech32m instead of bech32
    'tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47',
    'bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', // invalid character in checksum
    'BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', // invalid witness version
    'bc1pw5dgrnzv', // program of 1 byte
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', // program of 41 bytes
    'BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', // 16-byte program for version 0
    'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', // mixed case
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', // zero padding of more than 4 bits
    'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j', // non-zero padding
    'bc1gmk9yu', // empty data section
  ];
  for (const s of invalid) assert.equal(normalizeCryptoAddress(s), null, s);
  // One changed character in a valid BIP-173 address.
  assert.equal(normalizeCryptoAddress('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5'), null);
});

test('Ethereum: EIP-55 checksummed addresses are accepted and lower-cased', () => {
  const valid = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ];
  for (const s of valid) assert.deepEqual(normalizeCryptoAddress(s), { chain: 'eth', address: s.toLowerCase(), key: `eth:${s.toLowerCase()}` });
});

test('Ethereum: all-lower and all-upper addresses carry no checksum and are accepted', () => {
  assert.equal(normalizeCryptoAddress('0x52908400098527886E0F7030069857D2E4169EE7')?.address, '0x52908400098527886e0f7030069857d2e4169ee7');
  assert.equal(normalizeCryptoAddress('0xde709f2102306220921060314715629080e2fb77')?.address, '0xde709f2102306220921060314715629080e2fb77');
  assert.equal(
    normalizeCryptoAddress('0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED')?.key,
    normalizeCryptoAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')?.key,
  );
});

test('Ethereum: mixed case with one letter flipped fails EIP-55; wrong lengths are not addresses', () => {
  assert.equal(normalizeCryptoAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'), null);
  assert.equal(normalizeCryptoAddress('0x5aAeb6053f3E94C9b9A09f33669435E7Ef1BeAed'), null);
  assert.equal(normalizeCryptoAddress('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae'), null);
  assert.equal(normalizeCryptoAddress('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd'), null);
  assert.equal(normalizeCryptoAddress('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg'), null);
});

test('Tron: base58check T… addresses (the USDT contract) are verified', () => {
  assert.equal(normalizeCryptoAddress('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t')?.key, 'trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t');
  assert.equal(normalizeCryptoAddress('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u'), null);
});

test('Litecoin: L…, M… and ltc1 addresses (published wallet test cases) are verified', () => {
  assert.equal(chainOf('Lg3PX8wRWmApFCoCMAsPF5P9dPHYQHEWKW'), 'ltc');
  assert.equal(chainOf('MGEW4aba3tnrVtVhGcmoqqHaLt5ymPSLPi'), 'ltc');
  assert.equal(normalizeCryptoAddress('LTC1QXTM55GULTQZHQZL2P3KS50HG2478Y3HEHUJ6DZ')?.key, 'ltc:ltc1qxtm55gultqzhqzl2p3ks50hg2478y3hehuj6dz');
  assert.equal(chainOf('Lg3PX8wRWmApFCoCMAsPF5P9dPHYQHEWKX'), null);
  assert.equal(chainOf('ltc1qxtm55gultqzhqzl2p3ks50hg2478y3hehuj6da'), null);
});

test('hostile input never throws and gives null', () => {
  const hostile = [
    '',
    ' ',
    '0x',
    '1',
    'bc1',
    '\u0000\u0001',
    '1'.repeat(10_000),
    `0x${'a'.repeat(10_000)}`,
    '😀1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa😀',
    'Иван Петров',
    'bitcoin:?amount=1',
  ];
  for (const s of hostile) assert.equal(normalizeCryptoAddress(s), null, JSON.stringify(s.slice(0, 20)));
});
