/**
 * One id per crypto wallet across the money readers (Bitcoin, Ethereum, TagPack), so that a tag and a
 * transaction naming the same address meet on the same entity: `wallet:<chain>:<canonical address>`.
 */
import { normalizeCryptoAddress } from '../../resolve/normalize/crypto.ts';
import type { RawEntity } from '../reader.ts';
import { refId } from './source-ids.ts';

/** Coins whose chain is the coin itself; tokens (USDT, USDC, …) take the chain their address belongs to. */
const COIN_CHAIN: Record<string, string> = { BTC: 'btc', ETH: 'eth', LTC: 'ltc', TRX: 'trx' };
/** Coins whose addresses can look like Bitcoin's (legacy BCH, BSV, BTG …) but are another chain's. */
const OTHER_COINS = new Set(['BCH', 'BSV', 'BTG', 'ZEC', 'XMR', 'DASH', 'XVG', 'XRP', 'DOGE', 'ETC', 'ADA', 'SOL', 'BNB']);

/** The chain and spelling an address is kept under for a currency. */
export function walletKey(currency: string, address: string): { chain: string; address: string } {
  const cur = currency.trim().toUpperCase();
  const raw = address.trim();
  const n = normalizeCryptoAddress(raw);
  const chain = COIN_CHAIN[cur] ?? (n && !OTHER_COINS.has(cur) ? n.chain : cur.toLowerCase() || 'unknown');
  return { chain, address: n && n.chain === chain ? n.address : raw };
}

/**
 * The CryptoWallet entity of an address (publicKey = the address as the source wrote it, normalised
 * where the chain is known; currencySymbol = the currency).
 * @example cryptoWallet('BTC', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq').id // 'wallet:btc:bc1qar0…'
 */
export function cryptoWallet(currency: string, address: string, extra: Record<string, string[]> = {}): RawEntity {
  const k = walletKey(currency, address);
  return {
    id: refId(`wallet:${k.chain}:`, k.address),
    schema: 'CryptoWallet',
    properties: { publicKey: [k.address], currencySymbol: [currency.trim().toUpperCase()], ...extra },
  };
}
