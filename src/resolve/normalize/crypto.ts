// Cryptocurrency addresses for matching: chain detected, checksum verified, one written form per address.
import { bech32, bech32m, createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

/** A verified address: its chain, its canonical spelling and `key` = `${chain}:${address}` for joins. */
export interface CryptoAddress {
  chain: 'btc' | 'eth' | 'trx' | 'ltc';
  address: string;
  key: string;
}

type Chain = CryptoAddress['chain'];

const base58check = createBase58check(sha256);
const ascii = new TextEncoder();

/**
 * Base58Check version bytes (the payload's first byte) of 20-byte hash addresses.
 * Bitcoin: 0x00 P2PKH `1…`, 0x05 P2SH `3…`, testnet 0x6f `m…`/`n…` and 0xc4 `2…` (Bitcoin Core chainparams).
 * Litecoin: 0x30 `L…`, 0x32 `M…` (Litecoin Core chainparams; its legacy P2SH `3…` shares 0x05 and reads as Bitcoin).
 * Tron: 0x41 `T…` (TRON protocol documentation, "Account").
 */
const VERSIONS: ReadonlyMap<number, Chain> = new Map([
  [0x00, 'btc'],
  [0x05, 'btc'],
  [0x6f, 'btc'],
  [0xc4, 'btc'],
  [0x30, 'ltc'],
  [0x32, 'ltc'],
  [0x41, 'trx'],
]);

/** Segwit human-readable parts (BIP-173; Litecoin Core chainparams for `ltc`/`tltc`). */
const SEGWIT_HRP: ReadonlyMap<string, Chain> = new Map([
  ['bc', 'btc'],
  ['tb', 'btc'],
  ['ltc', 'ltc'],
  ['tltc', 'ltc'],
]);

// Payment URIs (BIP-21 and its siblings) wrap an address; their query (`?amount=…`) is not part of it.
const URI_SCHEME = /^(?:bitcoin|litecoin|ethereum|tron):(?:\/\/)?/i;
const ETH = /^0x[0-9a-fA-F]{40}$/;
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{25,35}$/;

/**
 * Detects and verifies a Bitcoin, Ethereum, Tron or Litecoin address, or returns null. Base58Check addresses must
 * pass their double-SHA-256 checksum; segwit addresses their bech32 (v0) or bech32m (v1+) checksum and BIP-141
 * program lengths, and are lower-cased; Ethereum addresses in mixed case must pass EIP-55 and are lower-cased.
 * @example normalizeCryptoAddress('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa') // { chain: 'btc', address: '1A1z…', key: 'btc:1A1z…' }
 * @example normalizeCryptoAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed') // { chain: 'eth', address: '0x5aaeb6…', … }
 */
export function normalizeCryptoAddress(raw: string): CryptoAddress | null {
  if (typeof raw !== 'string' || raw.length > 200) return null;
  let s = raw.trim().replace(URI_SCHEME, '');
  const query = s.indexOf('?');
  if (query >= 0) s = s.slice(0, query);
  if (s.length < 14 || s.length > 90) return null;
  if (ETH.test(s)) return ethereum(s);
  if (BASE58.test(s)) {
    const r = base58(s);
    if (r) return r;
  }
  return segwit(s);
}

function result(chain: Chain, address: string): CryptoAddress {
  return { chain, address, key: `${chain}:${address}` };
}

function ethereum(s: string): CryptoAddress | null {
  const hex = s.slice(2);
  const lower = hex.toLowerCase();
  // All one case carries no checksum (EIP-55: "backwards compatible"); mixed case must be exactly the checksummed form.
  if (hex !== lower && hex !== hex.toUpperCase() && hex !== eip55(lower)) return null;
  return result('eth', `0x${lower}`);
}

/** EIP-55: a hex letter is upper case when the matching nibble of keccak256(lower-case hex as ASCII) is ≥ 8. */
function eip55(lower: string): string {
  const hash = keccak_256(ascii.encode(lower));
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 0x0f;
    out += nibble >= 8 ? lower[i].toUpperCase() : lower[i];
  }
  return out;
}

function base58(s: string): CryptoAddress | null {
  let payload: Uint8Array;
  try {
    payload = base58check.decode(s);
  } catch {
    return null; // bad checksum or alphabet
  }
  if (payload.length !== 21) return null;
  const chain = VERSIONS.get(payload[0]);
  return chain ? result(chain, s) : null;
}

function segwit(s: string): CryptoAddress | null {
  // BIP-173: all upper or all lower case; the canonical form is lower case.
  const lower = s.toLowerCase();
  if (s !== lower && s !== s.toUpperCase()) return null;
  const asBech32 = bech32.decodeUnsafe(lower, 90);
  const decoded = asBech32 ?? bech32m.decodeUnsafe(lower, 90);
  if (!decoded) return null;
  const chain = SEGWIT_HRP.get(decoded.prefix);
  if (!chain || decoded.words.length === 0) return null;
  const version = decoded.words[0];
  if (version > 16) return null;
  // BIP-350: version 0 uses bech32, every later version bech32m; the checksum must match the version.
  if ((version === 0) !== (asBech32 !== undefined)) return null;
  const program = (version === 0 ? bech32 : bech32m).fromWordsUnsafe(decoded.words.slice(1));
  if (!program || program.length < 2 || program.length > 40) return null;
  // BIP-141: a version 0 program is a 20-byte key hash or a 32-byte script hash.
  if (version === 0 && program.length !== 20 && program.length !== 32) return null;
  return result(chain, lower);
}
