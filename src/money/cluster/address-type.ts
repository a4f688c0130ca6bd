/** The script type an address spends to, read from its written form: what the address-type change rule compares. */

export type AddressType = 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr' | 'unknown';

/**
 * The script type of a Bitcoin (or Litecoin) address, from its prefix and length (BIP-13, BIP-173, BIP-350);
 * 'unknown' for anything else. Not a validity check: `src/resolve/normalize/crypto.ts` verifies checksums.
 * @example addressType('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq') // 'p2wpkh'
 */
export function addressType(address: string): AddressType {
  const a = address.trim();
  const lower = a.toLowerCase();
  const segwit = /^(bc|tb|ltc|tltc)1([qp])[02-9ac-hj-np-z]+$/.exec(lower);
  if (segwit) {
    // Characters after the witness version: 32 program + 6 checksum for a 20-byte key hash, 52 + 6 for a script hash.
    const body = lower.length - segwit[1].length - 2;
    if (segwit[2] === 'p') return 'p2tr';
    return body === 38 ? 'p2wpkh' : body === 58 ? 'p2wsh' : 'unknown';
  }
  if (!/^[1-9A-HJ-NP-Za-km-z]{25,35}$/.test(a)) return 'unknown';
  if (/^[1mnL]/.test(a)) return 'p2pkh';
  if (/^[32M]/.test(a)) return 'p2sh';
  return 'unknown';
}
