/**
 * Schemata Corvid adds where FollowTheMoney lacks one, written in FtM's own schema form so that they
 * load, validate and export like any other: CriminalNetwork, Alert, CryptoTransfer, CryptoTransferLeg.
 * `CORVID_EXTENSIONS` adds a few properties to FtM schemata (address tags on wallets and accounts).
 */
import type { PropertySpec, PropertyTypeName } from './schema.ts';

export interface SchemaSpec {
  label?: string;
  plural?: string;
  description?: string;
  extends?: string[];
  abstract?: boolean;
  matchable?: boolean;
  caption?: string[];
  featured?: string[];
  edge?: { source: string; target: string; directed?: boolean; label?: string; caption?: string[] };
  properties?: Record<string, Omit<PropertySpec, 'name'> & { name?: string }>;
  corvid?: boolean;
}

const p = (type: PropertyTypeName, label: string, extra: Partial<PropertySpec> = {}): Omit<PropertySpec, 'name'> => ({
  type,
  label,
  ...extra,
});

export const CORVID_SCHEMATA: Record<string, SchemaSpec> = {
  CriminalNetwork: {
    label: 'Criminal network',
    plural: 'Criminal networks',
    description: 'An organised-crime group as an assessed object: its members and its SOCTA-style indicators.',
    extends: ['Organization'],
    caption: ['name'],
    featured: ['name', 'crimeAreas', 'country', 'memberCount'],
    corvid: true,
    properties: {
      members: p('entity', 'Members', { range: 'LegalEntity' }),
      leaders: p('entity', 'Leaders', { range: 'LegalEntity' }),
      crimeAreas: p('string', 'Crime areas'),
      memberCount: p('number', 'Estimated size'),
      activeSince: p('date', 'Active since'),
      legalBusinessStructures: p('string', 'Uses legal business structures'),
      corruption: p('string', 'Uses corruption'),
      violence: p('string', 'Uses violence'),
      moneyLaunderingMethods: p('string', 'Money-laundering methods'),
      onlineDimension: p('string', 'Online dimension'),
      useOfAI: p('string', 'Use of AI'),
      hostileStateLinks: p('string', 'Links to hostile states'),
      leadersAbroad: p('string', 'Leaders abroad'),
      assessment: p('text', 'Assessment'),
    },
  },
  Alert: {
    label: 'Alert',
    plural: 'Alerts',
    description: 'A detector finding with its evidence, score and plain-language explanation, for review.',
    extends: ['Thing'],
    caption: ['name', 'typology'],
    featured: ['typology', 'score', 'status', 'raisedAt'],
    corvid: true,
    properties: {
      typology: p('string', 'Typology'),
      detector: p('string', 'Detector'),
      score: p('number', 'Score'),
      explanation: p('text', 'Explanation'),
      status: p('string', 'Review status'),
      reviewReason: p('text', 'Review reason'),
      raisedAt: p('date', 'Raised at'),
      evidence: p('entity', 'Evidence', { range: 'Thing' }),
      involved: p('entity', 'Involved', { range: 'Thing' }),
      crimeArea: p('string', 'Crime area'),
    },
  },
  CryptoTransfer: {
    label: 'Crypto transfer',
    plural: 'Crypto transfers',
    description: 'A blockchain transaction: UTXO inputs and outputs, or an account-based (incl. token) transfer.',
    extends: ['Interval', 'Value'],
    caption: ['transactionHash', 'amount'],
    featured: ['transactionHash', 'chain', 'date', 'amount', 'currency'],
    edge: { source: 'sender', target: 'receiver', directed: true, label: 'sent crypto to' },
    corvid: true,
    properties: {
      // Ethereum writes hashes as 0x + 64 hex digits: 66 characters, past FtM's 64 for identifiers.
      transactionHash: p('identifier', 'Transaction hash', { maxLength: 128 }),
      chain: p('string', 'Chain'),
      blockNumber: p('number', 'Block number'),
      fee: p('number', 'Fee'),
      token: p('string', 'Token contract'),
      sender: p('entity', 'Sender wallets', { range: 'CryptoWallet' }),
      receiver: p('entity', 'Receiver wallets', { range: 'CryptoWallet' }),
    },
  },
  CryptoTransferLeg: {
    label: 'Crypto transfer leg',
    plural: 'Crypto transfer legs',
    description: 'One input or output of a UTXO transaction: which wallet, which direction, how much.',
    extends: ['Value'],
    caption: ['direction', 'amount'],
    corvid: true,
    properties: {
      transfer: p('entity', 'Transfer', { range: 'CryptoTransfer' }),
      wallet: p('entity', 'Wallet', { range: 'CryptoWallet' }),
      direction: p('string', 'Direction (input or output)'),
      position: p('number', 'Position in the transaction'),
      // An input names the output it spends ("txid:vout", up to 64 + 1 + 10 characters); output legs'
      // ids derive from txid and vout, so the ledger can join them even without the input's prevout.
      spends: p('identifier', 'Spends output (txid:vout)', { maxLength: 80 }),
      summary: p('text', 'Summary'),
    },
  },
};

/**
 * Properties Corvid adds to FtM's own schemata. Address tags (GraphSense TagPacks, analysts' labels)
 * are statements on the wallet or account: what service it belongs to, of which category (exchange,
 * mixer, merchant, scam, sanctioned, …), and whether it is tied to an abuse. Tracing stops at services.
 */
export const CORVID_EXTENSIONS: Record<string, Record<string, Omit<PropertySpec, 'name'>>> = {
  CryptoWallet: {
    tagLabel: p('string', 'Tag label'),
    tagCategory: p('string', 'Tag category'),
    tagAbuse: p('string', 'Tag abuse'),
    tagSource: p('url', 'Tag source'),
    tagConfidence: p('string', 'Tag confidence'),
  },
  BankAccount: {
    tagLabel: p('string', 'Tag label'),
    tagCategory: p('string', 'Tag category'),
  },
};
